// Types the portal pages share.
export type { StoredProcedure } from '../../catalogue/core/types.ts';
export type { Component, Fee, FormField } from '../../catalogue/core/types.ts';
