/** Vite's `?worker&url` imports: the URL of the separately built worker (or worklet) file. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
