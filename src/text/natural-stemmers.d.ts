// Types of the two natural stemmers kodebok imports one by one (natural types its stemmer index only).
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer_no.js" {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
