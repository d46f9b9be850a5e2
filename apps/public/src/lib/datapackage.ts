// Every open-data file, and their description as a Frictionless tabular data package
// (/data/datapackage.json): path, format, encoding and, for each column, the name, type and
// meaning from the same definitions the files are written from, so the two cannot disagree.
import { OPEN_DATA_VERSION, ZONE_DATASETS, type ColumnType, type Dataset, type OpenDataInput } from './open-data.ts';
import { FIGURE_DATASETS, type FiguresInput } from './open-data-figures.ts';

/** What every dataset is computed from: the site's data. */
export type SiteInput = OpenDataInput & FiguresInput;

/** A dataset of any row type (the rows stay inside the dataset's own functions). */
export type AnyDataset = Dataset<any, SiteInput>;

/** Every open-data file, in the order /data/ lists them. */
export const DATASETS: readonly AnyDataset[] = [...FIGURE_DATASETS, ...ZONE_DATASETS];

export function datasetById(id: string): AnyDataset {
  const found = DATASETS.find((d) => d.id === id);
  if (!found) throw new Error(`no dataset ${id}`);
  return found;
}

/** Table Schema type (and format) of each column type. */
const FIELD_TYPES: Record<ColumnType, { type: string; format?: string }> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'date' },
  // ISO 8601 in UTC with milliseconds ('2021-01-05T16:00:00.000Z'): the default datetime format.
  instant: { type: 'datetime' },
  beijing: { type: 'datetime', format: '%Y-%m-%d %H:%M:%S' },
};

export interface TableSchemaField {
  name: string;
  type: string;
  format?: string;
  description: string;
}

export interface DataResource {
  name: string;
  path: string;
  profile: 'tabular-data-resource';
  title: string;
  description: string;
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  dialect: { delimiter: ','; lineTerminator: '\r\n'; quoteChar: '"'; doubleQuote: true; header: true };
  schema: {
    fields: TableSchemaField[];
    missingValues: [''];
    primaryKey: string[];
    foreignKeys?: Array<{ fields: string[]; reference: { resource: string; fields: string[] } }>;
  };
  /** The same rows as JSON (not part of the standard). */
  json: string;
  /** When the data in the file last changed, UTC ISO (not part of the standard); null when unknown. */
  updated: string | null;
}

export interface DataPackage {
  profile: 'tabular-data-package';
  name: string;
  title: string;
  description: string;
  version: string;
  created: string;
  resources: DataResource[];
}

/** The Table Schema fields of a dataset: one per column, in the column order of its CSV. */
export function schemaFields(dataset: AnyDataset): TableSchemaField[] {
  return dataset.columns.map((c) => ({ name: c.name, ...FIELD_TYPES[c.type], description: c.meaning }));
}

export function dataResource(dataset: AnyDataset, input: SiteInput): DataResource {
  return {
    name: dataset.id,
    path: `${dataset.id}.csv`,
    profile: 'tabular-data-resource',
    title: dataset.title,
    description: dataset.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: {
      fields: schemaFields(dataset),
      missingValues: [''],
      primaryKey: dataset.primaryKey,
      ...(dataset.foreignKeys && dataset.foreignKeys.length > 0
        ? { foreignKeys: dataset.foreignKeys.map((k) => ({ fields: k.fields, reference: { resource: k.resource, fields: k.referenceFields } })) }
        : {}),
    },
    json: `${dataset.id}.json`,
    updated: dataset.updated(input),
  };
}

export const PACKAGE_NAME = 'shijiazhuang-epidemic-information';

export function dataPackage(input: SiteInput, datasets: readonly AnyDataset[] = DATASETS): DataPackage {
  return {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title: '石家庄市疫情信息开放数据',
    description:
      '管控区域、疫情通报、每日病例数、核酸检测、集中隔离和数据更正记录。CSV 文件为 UTF-8（带 BOM）、CRLF 行尾；时间均给出 UTC（ISO 8601）和北京时间两列。各列说明及版本规则见本站 /data/ 页面。',
    version: `${OPEN_DATA_VERSION}.0.0`,
    created: new Date(input.now).toISOString(),
    resources: datasets.map((d) => dataResource(d, input)),
  };
}
