// How the applicant is told where a result went (portal timeline, status page, notices): one phrase per return channel,
// written to follow "Kết quả đã được trả cho bạn …". Pure data.
export const RETURN_CHANNEL: Record<string, string> = {
  counter: 'tại Trung tâm Phục vụ hành chính công',
  post: 'qua dịch vụ bưu chính',
  online: 'trực tuyến (bản điện tử)',
};
