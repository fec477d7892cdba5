// Runtime entry of @cchc/validation: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/validation/src/index.js');
