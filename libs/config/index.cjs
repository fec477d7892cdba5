// Runtime entry of @cchc/config: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/config/src/index.js');
