// Every open-data file, and their description as a Frictionless Data Package (v1,
// /data/datapackage.json): each CSV file is a tabular data resource with its Table Schema (name,
// type and meaning of each column, from the same definitions the files are written from, so the
// two cannot disagree); each JSON file is a data resource of its own, named after its CSV. Paths
// are relative to /data/, so the files keep their addresses.
import { OPEN_DATA_VERSION, ZONE_DATASETS, type ColumnType, type Dataset, type OpenDataInput } from './open-data.ts';
import { FIGURE_DATASETS, type FiguresInput } from './open-data-figures.ts';

/** What every dataset is computed from: the site's data. */
export type SiteInput = OpenDataInput & FiguresInput;

/** A dataset of any row type (the rows stay inside the dataset's own functions). */
// `any` stands for "some row type": each dataset's columns read the rows its own `rows` returns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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

/** A CSV file: a Tabular Data Resource with its Table Schema. */
export interface TableResource {
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
  /** When the data in the file last changed, UTC ISO; null when unknown (a custom property). */
  updated: string | null;
}

/**
 * A JSON file: the same rows as the CSV of the same dataset, wrapped in an object (dataset,
 * version, title, asOf, updated, columns, records), so a plain Data Resource rather than a table.
 */
export interface JsonResource {
  name: string;
  path: string;
  profile: 'data-resource';
  title: string;
  description: string;
  format: 'json';
  mediatype: 'application/json';
  encoding: 'utf-8';
  updated: string | null;
}

export type DataResource = TableResource | JsonResource;

export interface DataPackage {
  /** Not tabular-data-package: the JSON files are resources too, and they are not tables. */
  profile: 'data-package';
  name: string;
  title: string;
  description: string;
  version: string;
  created: string;
  resources: DataResource[];
}

/** The resource name of a dataset's JSON file: its CSV resource's name with '-json'. */
export const jsonResourceName = (dataset: { id: string }) => `${dataset.id}-json`;

/** The Table Schema fields of a dataset: one per column, in the column order of its CSV. */
export function schemaFields(dataset: AnyDataset): TableSchemaField[] {
  return dataset.columns.map((c) => ({ name: c.name, ...FIELD_TYPES[c.type], description: c.meaning }));
}

export function dataResource(dataset: AnyDataset, input: SiteInput): TableResource {
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
        ? {
            foreignKeys: dataset.foreignKeys.map((k) => ({
              fields: k.fields,
              reference: { resource: k.resource, fields: k.referenceFields },
            })),
          }
        : {}),
    },
    updated: dataset.updated(input),
  };
}

export function jsonResource(dataset: AnyDataset, input: SiteInput): JsonResource {
  return {
    name: jsonResourceName(dataset),
    path: `${dataset.id}.json`,
    profile: 'data-resource',
    title: `${dataset.title}（JSON）`,
    description: `与资源 ${dataset.id}（${dataset.id}.csv）内容相同：对象含 dataset、version、title、asOf、updated、columns 和 records；records 每行一个对象，键为 CSV 的列名，空值为 null。各列的类型和含义见资源 ${dataset.id} 的 schema。`,
    format: 'json',
    mediatype: 'application/json',
    encoding: 'utf-8',
    updated: dataset.updated(input),
  };
}

export const PACKAGE_NAME = 'shijiazhuang-epidemic-information';

export function dataPackage(input: SiteInput, datasets: readonly AnyDataset[] = DATASETS): DataPackage {
  return {
    profile: 'data-package',
    name: PACKAGE_NAME,
    title: '石家庄市疫情信息开放数据',
    description:
      '管控区域、疫情通报、每日病例数、核酸检测、集中隔离和数据更正记录。每个数据集有 CSV 和 JSON 两个文件，各为一个资源：CSV 文件为 UTF-8（带 BOM）、CRLF 行尾，附 Table Schema；JSON 文件内容与 CSV 相同。时间均给出 UTC（ISO 8601）和北京时间两列。各列说明及版本规则见本站 /data/ 页面。',
    version: `${OPEN_DATA_VERSION}.0.0`,
    created: new Date(input.now).toISOString(),
    // Each CSV file followed by its JSON twin.
    resources: datasets.flatMap((d) => [dataResource(d, input), jsonResource(d, input)]),
  };
}
