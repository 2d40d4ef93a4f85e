/** One SQL statement with its parameters, for a caller that sends it itself. */
export interface Statement {
  sql: string;
  params: unknown[];
}
