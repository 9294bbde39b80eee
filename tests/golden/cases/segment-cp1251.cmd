"$SVERKA" segment tests/data/ru-cp1251.txt
