// Types the portal pages share.
export type { StoredProcedure } from '../../catalogue/store.ts';
export type { Component, Fee, FormField } from '../../catalogue/types.ts';
