/** The stored shape of a (:Source) node. */
export interface SourceRow {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  citation: string | null;
  sha256: string;
  length: number;
  text: string;
  normText: string;
}
