-- Issue 14: a file already made into a storage copy is not OCR'd again (the same bytes attached to another dossier or
-- component, e.g. a paper from the data store or the demo's sample scan): the worker looks the done job up by source.
CREATE INDEX digitisation_jobs_source_done ON digitisation_jobs (source_sha256) WHERE status = 'done';
