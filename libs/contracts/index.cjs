// Runtime entry of @cchc/contracts: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/contracts/src/index.js');
