// Runtime entry of @cchc/platform: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/platform/src/index.js');
