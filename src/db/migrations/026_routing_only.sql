-- Residence procedures (CA.LOCAL.*) are decided by Công an xã (Luật Cư trú 2020): the catalogue lists them to guide
-- citizens and route them there, and the commune receives no dossier of them (ProcedureVersionSchema `routingOnly`).
-- Versions already stored by an earlier release get the marker the shipped seed now carries.
UPDATE procedures SET data = jsonb_set(data, '{routingOnly}', 'true'::jsonb) WHERE code LIKE 'CA.LOCAL.%';
