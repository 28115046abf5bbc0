// `npm run bench:indicators` (issue 5 § Speed). Owned by the demo/bench helper. Stub.
console.log('bench:indicators: not written yet');
