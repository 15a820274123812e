// Validate FHIR JSON files against the R4 definitions bundled in the npm "fhir" package
// (FHIR.js; no network). Prints one JSON line per file: {"file", "valid", "errors": [...]}.
// Exit 0 when every file is valid, 1 otherwise.
const fs = require('fs');
const { Fhir } = require('fhir');

const fhir = new Fhir();
let ok = true;
for (const file of process.argv.slice(2)) {
  const result = fhir.validate(JSON.parse(fs.readFileSync(file, 'utf8')),
    { errorOnUnexpected: true });
  const errors = result.messages.filter((m) => m.severity === 'error');
  ok = ok && result.valid && errors.length === 0;
  console.log(JSON.stringify({ file, valid: result.valid, errors }));
}
process.exit(ok ? 0 : 1);
