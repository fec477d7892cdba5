// Runtime entry of @cchc/audit: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/audit/src/index.js');
