-- No developer's note in what users read (issue 11): the data shipped before carried the internal brief's references
-- and evidence tags ("domain.md §6", "Nguồn thứ cấp [S]", "UNCERTAIN", "(mức thu cần xác minh)"). A value not yet
-- checked against the law now says so in plain words for staff, and citizens read nothing of it.

-- 1. The default KPI rule set (015_kpi.sql): the legal basis and two notes. Only the shipped row, and only while it
--    still has the shipped wording (a commune may have edited it).
UPDATE kpi_rule_sets
SET legal_basis = 'NĐ 335/2025/NĐ-CP (hiệu lực 01/01/2026): thang 100 điểm = tiêu chí chung 30 + kết quả thực hiện nhiệm vụ 70; a, b, c; trừ 25 %; mức 90/70/50; tỷ lệ xuất sắc 20 % (25 %). Các mức này chưa đối chiếu văn bản gốc của nghị định.'
WHERE commune_id IS NULL AND effective_from = DATE '2026-01-01'
  AND legal_basis = 'NĐ 335/2025/NĐ-CP (hiệu lực 01/01/2026): thang 100 điểm = tiêu chí chung 30 + kết quả thực hiện nhiệm vụ 70; a, b, c; trừ 25 %; mức 90/70/50; tỷ lệ xuất sắc 20 % (25 %). Nguồn thứ cấp [S], domain.md §8.1';

UPDATE kpi_rule_sets
SET rules = jsonb_set(rules, '{generalBasis}', to_jsonb('NĐ 335/2025: danh mục tiêu chí chung (30 điểm); cách chia điểm giữa các tiêu chí chưa đối chiếu văn bản gốc, là dữ liệu có thể sửa'::text))
WHERE commune_id IS NULL AND effective_from = DATE '2026-01-01'
  AND rules ->> 'generalBasis' = 'NĐ 335/2025: danh mục tiêu chí chung (30 điểm); cách chia điểm giữa các tiêu chí chưa đối chiếu văn bản gốc (UNCERTAIN), là dữ liệu có thể sửa';

UPDATE kpi_rule_sets
SET rules = jsonb_set(rules, '{bandsBasis}', to_jsonb('NĐ 335/2025 Đ20 (chưa đối chiếu văn bản gốc): xuất sắc ≥ 90, tốt 70 – < 90, hoàn thành 50 – < 70, không hoàn thành < 50'::text))
WHERE commune_id IS NULL AND effective_from = DATE '2026-01-01'
  AND rules ->> 'bandsBasis' = 'NĐ 335/2025 Đ20 (theo nguồn thứ cấp): xuất sắc ≥ 90, tốt 70 – < 90, hoàn thành 50 – < 70, không hoàn thành < 50';

-- 2. The shipped catalogue as loaded by an earlier version (src/catalogue/seed/: each procedure version is loaded
--    once, so a new wording reaches only new installations): the same replacements in the stored versions. Only the
--    shipped texts are matched, so a version edited since keeps its own words.
UPDATE procedures SET data = (
  regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    data::text,
    '"domain\.md §6, dòng (\d+|cuối \(Đăng ký thường trú / tạm trú — Công an xã\))"',
      '"Thủ tục thuộc thẩm quyền cấp xã từ ngày 01/7/2025 (chính quyền địa phương hai cấp)"', 'g'),
    ' \(domain\.md §6\)', '', 'g'),
    'Đơn vị xử lý theo phân công dự kiến \(domain\.md §2\.1\); đối chiếu quy chế',
      'Đơn vị xử lý theo phân công dự kiến; chưa đối chiếu quy chế', 'g'),
    'Mã TTHC quốc gia ứng viên: ([^"]*?) \(nguồn thứ cấp, mã nguồn bên thứ ba; chưa kiểm chứng trên CSDL quốc gia về TTHC\)',
      'Mã thủ tục quốc gia dự kiến: \1 (chưa đối chiếu Cơ sở dữ liệu quốc gia về thủ tục hành chính)', 'g'),
    ' \((số hiệu|mức thu) cần xác minh\)', '', 'g'),
    ' \(nguồn mâu thuẫn\)', ' (các nguồn ghi khác nhau)', 'g'),
    'domain\.md §2\.2 \(Nghị định 120/2025: các việc hộ tịch không phụ thuộc nơi cư trú\)',
      'Nghị định 120/2025/NĐ-CP: các việc hộ tịch không phụ thuộc nơi cư trú', 'g'),
    'Phiên bản 2 là dữ liệu minh họa cơ chế phiên bản \(domain\.md §2\.10\): ngày hiệu lực và mức phí giả định, thay bằng văn bản thực tế trước khi phát hành',
      'Phiên bản 2 là dữ liệu mẫu minh họa việc ban hành phiên bản mới: ngày hiệu lực và mức phí là giả định, cần thay bằng văn bản thực tế trước khi sử dụng chính thức', 'g')
)::jsonb
WHERE data::text ~ 'domain\.md|cần xác minh\)|nguồn thứ cấp|nguồn mâu thuẫn';

-- 3. The default PAR template (src/par/seed/chi-so-cchc-xa-2025.json) as loaded by an earlier version.
UPDATE par_templates SET
  legal_basis = 'Khung 7 lĩnh vực chỉ số CCHC cấp xã theo mẫu của Hà Nội; QĐ 876/QĐ-BNV ngày 10/11/2022 cho cấp bộ, tỉnh. Điểm tối đa, cách chấm và chỉ tiêu thành phần là dữ liệu minh họa, chưa đối chiếu quyết định của tỉnh.',
  data = jsonb_set(data, '{legalBasis}', to_jsonb('Khung 7 lĩnh vực chỉ số CCHC cấp xã theo mẫu của Hà Nội; QĐ 876/QĐ-BNV ngày 10/11/2022 cho cấp bộ, tỉnh. Điểm tối đa, cách chấm và chỉ tiêu thành phần là dữ liệu minh họa, chưa đối chiếu quyết định của tỉnh.'::text))
WHERE code = 'CCHC-XA-TN' AND effective_year = 2025
  AND legal_basis = 'Khung 7 lĩnh vực chỉ số CCHC cấp xã theo mẫu của Hà Nội (domain.md §5); QĐ 876/QĐ-BNV ngày 10/11/2022 cho cấp bộ, tỉnh. Điểm tối đa, cách chấm và chỉ tiêu thành phần là dữ liệu minh họa, chưa đối chiếu quyết định của tỉnh (domain.md §12 mục 5).';
UPDATE par_templates SET
  note = 'Tổng 100 điểm; không có điều tra xã hội học thì điểm thẩm định là chỉ số.',
  data = jsonb_set(data, '{note}', to_jsonb('Tổng 100 điểm; không có điều tra xã hội học thì điểm thẩm định là chỉ số.'::text))
WHERE code = 'CCHC-XA-TN' AND effective_year = 2025
  AND note = 'Tổng 100 điểm; không có điều tra xã hội học thì điểm thẩm định là chỉ số (domain.md §5).';
