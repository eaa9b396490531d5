'use strict';
// market-validation for Node (CommonJS): every function of every part. A
// part's wasm is loaded, synchronously, when one of its functions is first
// called (scripts/build.sh writes a wrapper per function below).
const loaded = { score: null, analyses: null };

/** A part's bindings, loaded on first use. @param {'score' | 'analyses'} name */
function part(name) {
  if (loaded[name] === null) loaded[name] = require(`./market_validation_${name}.js`);
  return loaded[name];
}

/* FUNCTIONS */
