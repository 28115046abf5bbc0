// The scan upload form of one component. Multipart bodies are not parsed before the CSRF check, so the
// token (and the one-time key) travel in the action URL; the upload route hands the token to the check.
import type { Component } from '../../catalogue/types.ts';
import { newFormKey } from './common.tsx';
import { Input } from '../fields.tsx';

export const uploadAction = (dossierId: string, component: string, csrf: string) =>
  `/can-bo/ho-so/${dossierId}/tep?${new URLSearchParams({ component, key: newFormKey(), _csrf: csrf }).toString()}`;

export function UploadForm({ dossierId, component, csrf, error }: { dossierId: string; component: Component; csrf: string; error?: string }) {
  const id = `file-${component.code}`;
  return (
    <form method="post" action={uploadAction(dossierId, component.code, csrf)} enctype="multipart/form-data" class="upload-form">
      <Input
        id={id} name="file" type="file" label={`Tệp quét: ${component.name}`} hint="PDF, JPEG hoặc PNG, tối đa 10 MB."
        accept="application/pdf,image/jpeg,image/png" required error={error}
      />
      <button type="submit" class="button button--secondary">Đính kèm bản quét</button>
    </form>
  );
}
