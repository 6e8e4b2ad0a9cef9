// Types of the two natural stop-word lists kodebok imports one by one.
declare module "natural/lib/natural/util/stopwords.js" {
  const list: { words: string[] };
  export default list;
}
declare module "natural/lib/natural/util/stopwords_no.js" {
  const list: { words: string[] };
  export default list;
}
