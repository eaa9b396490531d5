'use strict';
// market-validation for Node (CommonJS): every function of every part. A
// part's wasm is loaded, synchronously, when one of its functions is first
// called (scripts/build.sh writes a wrapper per function below). The
// analyses run in the parquet part, which reads every container (JSON,
// gzip, zip archives, Excel workbooks, Parquet files).
const loaded = { score: null, parquet: null };

/** A part's bindings, loaded on first use. @param {'score' | 'parquet'} name */
function part(name) {
  if (loaded[name] === null) loaded[name] = require(`./market_validation_${name}.js`);
  return loaded[name];
}

/* FUNCTIONS */
