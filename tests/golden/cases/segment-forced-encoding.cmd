"$SVERKA" segment --encoding cp1251 tests/data/ru-cp1251.txt
