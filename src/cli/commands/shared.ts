/** Options of the program that every command sees. */
export interface GlobalOptions {
  quiet?: boolean;
}
