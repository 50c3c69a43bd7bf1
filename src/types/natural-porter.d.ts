declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  /** The Porter stemmer from `natural` (imported alone: the package root loads slowly). */
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
