export interface DistrictTable {
  code: string;
  name: string;
  short_name: string;
  kind: string;
  sort_order: number;
  note: string | null;
}
