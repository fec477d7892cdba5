// Runtime entry of @cchc/testing: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/testing/src/index.js');
