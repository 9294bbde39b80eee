"$SVERKA" segment tests/data/ru-koi8r.txt
