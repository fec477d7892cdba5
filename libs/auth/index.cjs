// Runtime entry of @cchc/auth: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/auth/src/index.js');
