// Runtime entry of @cchc/observability: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/observability/src/index.js');
