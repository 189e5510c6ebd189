// English function words left out of the index: they match nearly every abstract and carry no topic.
// Kept short on purpose (close to Lucene's English list): words like "not", "model" or "new" stay searchable.

export const stopWords: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for if in into is it no of on or such that the their then there these ' +
    'they this to was will with we our its can from which has have been were than also'
  ).split(' '),
);
