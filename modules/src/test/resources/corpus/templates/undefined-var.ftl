ok
value = ${not_defined_anywhere}
