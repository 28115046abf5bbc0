// The declaration (tờ khai) on the staff dossier page: each form, each section, each answer with its label; who
// corrected it last and why; the "Sửa tờ khai" link for an officer who may correct it now, and the filled tờ khai
// as a PDF (documents/routes.ts, kind to-khai).
import type { DeclarationView } from '../../dossiers/declaration.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { SummaryList } from '../components.tsx';

const SOURCE_NAMES: Record<string, string> = {
  online: 'do người nộp khai trực tuyến', counter: 'khai tại Bộ phận Một cửa', correction: 'đã được cán bộ sửa',
};

export const declarationEditUrl = (dossierId: string) => `/can-bo/ho-so/${dossierId}/to-khai/sua`;

export function DeclarationSection({ d, dossierId, canCorrect }: { d: DeclarationView; dossierId: string; canCorrect: boolean }) {
  const c = d.corrected;
  return (
    <section aria-labelledby="declaration-title" class="declaration">
      <h2 id="declaration-title">Tờ khai</h2>
      <p class="hint">Nội dung {SOURCE_NAMES[d.source] ?? ''} lúc {fmtDateTime(d.recordedAt)}, theo biểu mẫu điện tử của thủ tục (phiên bản {d.procedureVersion}).</p>
      {c && (
        <p class="declaration-corrected">
          <strong>Đã sửa bởi {c.byName ?? 'cán bộ'} lúc {fmtDateTime(c.at)}</strong>
          {c.reason ? <> — lý do: {c.reason}</> : null}
          {d.revisions.length > 2 ? ` (đã sửa ${d.revisions.filter((r) => r.source === 'correction').length} lần)` : ''}
        </p>
      )}
      <p>
        {canCorrect && <><a href={declarationEditUrl(dossierId)} class="button button--secondary">Sửa tờ khai</a>{' '}</>}
        <a href={`/api/v1/dossiers/${dossierId}/documents/to-khai`}>Xem tờ khai (PDF)</a>
      </p>
      {d.forms.map((f) => (
        <>
          <h3>{f.componentName}</h3>
          {f.sections.map((s) => (
            <>
              <h4>{s.title}</h4>
              <SummaryList rows={s.fields.map((x) => ({ key: x.label, value: x.text }))} />
            </>
          ))}
        </>
      ))}
    </section>
  );
}
