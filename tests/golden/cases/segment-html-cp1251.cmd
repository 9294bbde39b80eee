"$SVERKA" segment tests/data/page-cp1251-nometa.html
