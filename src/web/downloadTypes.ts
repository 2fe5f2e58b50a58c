/** What a download of /data is: its address, columns and filters (exports.ts lists them). */
export interface ColumnDoc {
  name: string;
  type: 'integer' | 'string' | 'boolean';
  description: string;
  nullable?: boolean;
}

export interface Download {
  path: string;
  title: string;
  mediaType: string;
  description: string;
  columns: ColumnDoc[];
  /** Takes ?year=, ?region= (and for placements ?tier=). */
  filters: boolean;
}
