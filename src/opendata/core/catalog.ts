// The DCAT catalogue record of the open datasets (pure): JSON-LD with a dcat:Catalog of dcat:Datasets, each with its
// title, description, publisher (the commune's People's Committee), licence, update frequency and distributions (CSV,
// JSON) with their media type, download address and schema (Frictionless Table Schema). DCAT: W3C Data Catalog
// Vocabulary, version 3 (https://www.w3.org/TR/vocab-dcat-3/).
import { DATASETS, type DatasetDef } from './datasets.ts';

/** CC BY 4.0: an open licence (Open Definition) that asks only for attribution; reusers keep the source named. */
export const LICENCE = { uri: 'https://creativecommons.org/licenses/by/4.0/', name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)' };

export interface CatalogOrigin {
  /** The portal's public address, without a trailing slash. */
  baseUrl: string;
  communeName: string;
  /** When the data were last computed (ISO-8601). */
  modified: string;
}

export const downloadPath = (def: DatasetDef, ext: 'csv' | 'json' | 'schema.json') => `/du-lieu-mo/${def.id}.${ext}`;

export function dcatCatalog(o: CatalogOrigin) {
  const publisher = { '@type': 'foaf:Organization', 'foaf:name': `Ủy ban nhân dân ${o.communeName}` };
  const url = (p: string) => `${o.baseUrl}${p}`;
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#', 'dct:conformsTo': { '@type': '@id' }, 'dcat:downloadURL': { '@type': '@id' },
      'dcat:accessURL': { '@type': '@id' }, 'dct:license': { '@type': '@id' }, 'dct:accrualPeriodicity': { '@type': '@id' },
    },
    '@id': url('/du-lieu-mo/catalog.jsonld'),
    '@type': 'dcat:Catalog',
    'dct:title': `Dữ liệu mở của ${o.communeName}`,
    'dct:description': 'Số liệu tổng hợp về giải quyết thủ tục hành chính và danh mục thủ tục hành chính của xã, không có thông tin cá nhân.',
    'dct:publisher': publisher,
    'dct:language': 'vi',
    'dct:license': LICENCE.uri,
    'foaf:homepage': url('/du-lieu-mo'),
    'dcat:dataset': DATASETS.map((d) => ({
      '@id': url(`/du-lieu-mo#${d.id}`),
      '@type': 'dcat:Dataset',
      'dct:identifier': d.id,
      'dct:title': d.title,
      'dct:description': d.description,
      'dcat:keyword': [...d.keywords],
      'dct:publisher': publisher,
      'dct:license': LICENCE.uri,
      'dct:accrualPeriodicity': d.frequency.uri,
      'dct:modified': { '@value': o.modified, '@type': 'xsd:dateTime' },
      'dct:language': 'vi',
      'dcat:distribution': (['csv', 'json'] as const).map((ext) => ({
        '@type': 'dcat:Distribution',
        'dct:title': `${d.title} (${ext.toUpperCase()})`,
        'dct:format': ext.toUpperCase(),
        'dcat:mediaType': ext === 'csv' ? 'text/csv' : 'application/json',
        'dcat:downloadURL': url(downloadPath(d, ext)),
        'dcat:accessURL': url('/du-lieu-mo'),
        'dct:license': LICENCE.uri,
        'dct:conformsTo': url(downloadPath(d, 'schema.json')),
      })),
    })),
  };
}
