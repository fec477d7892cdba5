// Runtime entry of @cchc/calendar: the compiled library (`npm run build`). Types and tests use src/.
module.exports = require('../../dist/libs/calendar/src/index.js');
