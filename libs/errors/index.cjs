// Runtime entry of @cchc/errors: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/errors/src/index.js');
