// The component a dossier's result is kept under: the draft an officer attaches or generates (src/results), then the
// file signed at approval (dossiers/result-signing.ts); a signed file is told from a draft by its signed_documents row.
// Indicators 3.2, 4.1 and 4.2 count it as the electronic result (QĐ 766/QĐ-TTg; NĐ 45/2020 Đ14 as amended).
export const RESULT_COMPONENT = 'KET_QUA';
