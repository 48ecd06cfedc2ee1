// The duplicate check's keys (`KEYED.key`, index `quote_key`) are integers: 60 bits of a
// SHA-1 (kgapi/graph/statement_identity.py), whose index entry and property cost less than
// the 17-character strings graphs written before hold (`f`/`g` + 16 hex digits). Those
// become the integer of their first 15 hex digits: the value the writer computes now.
// Only string keys are read (a range seek of `quote_key`): after the first run, nothing.
MATCH ()-[k:KEYED]->() WHERE k.key >= ''
CALL (k) {
  SET k.key = toInteger('0x' + substring(k.key, 1, 15))
} IN TRANSACTIONS OF 10000 ROWS;
