// Runtime entry of @cchc/messaging: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/messaging/src/index.js');
