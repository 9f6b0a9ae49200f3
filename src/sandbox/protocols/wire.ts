/** What every protocol encoder produces and the server writes out. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
