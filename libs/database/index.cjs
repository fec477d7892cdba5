// Runtime entry of @cchc/database: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/database/src/index.js');
