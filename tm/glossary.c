/* glossary.c - bilingual glossaries of names from aligned sentence pairs.
 *
 * Sits after the aligner: it reads aligned pairs (a bitext, TMX units) and
 * builds entries; glossfile.c writes them.  Names come from align/names.h
 * (extraction, match keys, similarity, nominative).  The steps and the
 * formulas are in docs/design.md, "Glossary extraction".
 */
#include "glossary.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../align/lexicon.h"
#include "../align/morph.h"
#include "../align/names.h"
#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/utf8.h"
#include "bitext.h"
#include "hash.h"

#define KEYSZ SV_NAME_KEY_SIZE
#define MAX_CANDS 64       /* candidates kept per sentence (pathological inputs) */
#define MAX_SUB_GROUP 6    /* sub-runs are taken from groups of at most this many words */
#define MAX_VARIANTS 32    /* forms kept per term */
#define MAX_TERM_WORDS 8
#define LINK_MIN 0.5       /* pairs scored below are never linked */

/* ---- word lists ------------------------------------------------------------
 * Lower-case.  An entry ending in '*' matches any word it begins; others match
 * exactly.  Each list item carries a weight class. */

typedef struct {
    const char *w;
    unsigned char cls;
} cue_word;

enum {
    W_ENTERPRISE = 1, /* plant, завод, холдинг, ОАО: an enterprise */
    W_ORG,            /* ministry, party, агентство: another organisation */
    W_PLACE,          /* oblast, область, city */
    W_TITLE,          /* president, губернатор: a person follows */
    W_SAID,           /* said, заявил: a person nearby */
    W_LOCPREP         /* in, в, из: a place may follow */
};

static const cue_word cue_words[] = {
    /* enterprises */
    {"plant", W_ENTERPRISE}, {"plants", W_ENTERPRISE}, {"works", W_ENTERPRISE},
    {"factory", W_ENTERPRISE}, {"factories", W_ENTERPRISE}, {"company", W_ENTERPRISE},
    {"companies", W_ENTERPRISE}, {"holding", W_ENTERPRISE}, {"holdings", W_ENTERPRISE},
    {"corporation", W_ENTERPRISE}, {"corp", W_ENTERPRISE}, {"inc", W_ENTERPRISE},
    {"ltd", W_ENTERPRISE}, {"llc", W_ENTERPRISE}, {"plc", W_ENTERPRISE},
    {"ojsc", W_ENTERPRISE}, {"jsc", W_ENTERPRISE}, {"cjsc", W_ENTERPRISE},
    {"pjsc", W_ENTERPRISE}, {"concern", W_ENTERPRISE}, {"enterprise", W_ENTERPRISE},
    {"enterprises", W_ENTERPRISE}, {"manufacturer", W_ENTERPRISE},
    {"manufacturers", W_ENTERPRISE}, {"maker", W_ENTERPRISE}, {"makers", W_ENTERPRISE},
    {"carmaker", W_ENTERPRISE}, {"automaker", W_ENTERPRISE}, {"producer", W_ENTERPRISE},
    {"producers", W_ENTERPRISE}, {"firm", W_ENTERPRISE}, {"firms", W_ENTERPRISE},
    {"bank", W_ENTERPRISE}, {"airline", W_ENTERPRISE}, {"airlines", W_ENTERPRISE},
    {"mill", W_ENTERPRISE}, {"refinery", W_ENTERPRISE}, {"brand", W_ENTERPRISE},
    {"завод*", W_ENTERPRISE}, {"автозавод*", W_ENTERPRISE}, {"комбинат*", W_ENTERPRISE},
    {"холдинг*", W_ENTERPRISE}, {"концерн*", W_ENTERPRISE}, {"компани*", W_ENTERPRISE},
    {"корпораци*", W_ENTERPRISE}, {"предприяти*", W_ENTERPRISE}, {"фабрик*", W_ENTERPRISE},
    {"производител*", W_ENTERPRISE}, {"фирм*", W_ENTERPRISE}, {"флагман*", W_ENTERPRISE},
    {"автогигант*", W_ENTERPRISE}, {"акционерн*", W_ENTERPRISE}, {"банк", W_ENTERPRISE},
    {"банка", W_ENTERPRISE}, {"банку", W_ENTERPRISE}, {"банком", W_ENTERPRISE},
    {"банке", W_ENTERPRISE}, {"банки", W_ENTERPRISE}, {"банков", W_ENTERPRISE},
    {"авиакомпани*", W_ENTERPRISE}, {"оао", W_ENTERPRISE}, {"зао", W_ENTERPRISE},
    {"пао", W_ENTERPRISE}, {"ооо", W_ENTERPRISE}, {"одо", W_ENTERPRISE},
    {"ао", W_ENTERPRISE}, {"руп", W_ENTERPRISE}, {"уп", W_ENTERPRISE},
    {"чуп", W_ENTERPRISE}, {"сооо", W_ENTERPRISE}, {"иооо", W_ENTERPRISE},
    {"производств*", W_ENTERPRISE},
    /* other organisations */
    {"ministry", W_ORG}, {"agency", W_ORG}, {"council", W_ORG}, {"committee", W_ORG},
    {"commission", W_ORG}, {"party", W_ORG}, {"union", W_ORG}, {"association", W_ORG},
    {"university", W_ORG}, {"institute", W_ORG}, {"parliament", W_ORG},
    {"assembly", W_ORG}, {"fund", W_ORG}, {"foundation", W_ORG},
    {"organisation", W_ORG}, {"organization", W_ORG}, {"bureau", W_ORG},
    {"department", W_ORG}, {"club", W_ORG}, {"federation", W_ORG}, {"court", W_ORG},
    {"newspaper", W_ORG}, {"channel", W_ORG}, {"service", W_ORG}, {"congress", W_ORG},
    {"senate", W_ORG}, {"government", W_ORG}, {"police", W_ORG}, {"army", W_ORG},
    {"конгресс*", W_ORG}, {"сенат*", W_ORG}, {"правительств*", W_ORG}, {"полици*", W_ORG},
    {"арми*", W_ORG},
    {"министерств*", W_ORG}, {"агентств*", W_ORG}, {"комитет*", W_ORG},
    {"комисси*", W_ORG}, {"парти*", W_ORG}, {"ассоциаци*", W_ORG},
    {"университет*", W_ORG}, {"институт*", W_ORG}, {"парламент*", W_ORG},
    {"ассамбле*", W_ORG}, {"фонд*", W_ORG}, {"организаци*", W_ORG},
    {"департамент*", W_ORG}, {"клуб*", W_ORG}, {"федераци*", W_ORG}, {"газет*", W_ORG},
    {"телеканал*", W_ORG}, {"служб*", W_ORG}, {"союз*", W_ORG}, {"суд", W_ORG},
    {"суда", W_ORG}, {"суде", W_ORG}, {"судом", W_ORG},
    /* places */
    {"oblast", W_PLACE}, {"region", W_PLACE}, {"province", W_PLACE}, {"district", W_PLACE},
    {"krai", W_PLACE}, {"territory", W_PLACE}, {"republic", W_PLACE}, {"city", W_PLACE},
    {"town", W_PLACE}, {"village", W_PLACE}, {"county", W_PLACE}, {"island", W_PLACE},
    {"islands", W_PLACE}, {"river", W_PLACE}, {"lake", W_PLACE}, {"sea", W_PLACE},
    {"ocean", W_PLACE}, {"mountains", W_PLACE}, {"valley", W_PLACE}, {"street", W_PLACE},
    {"square", W_PLACE}, {"avenue", W_PLACE}, {"capital", W_PLACE}, {"country", W_PLACE},
    {"област*", W_PLACE}, {"край", W_PLACE}, {"края", W_PLACE}, {"краю", W_PLACE},
    {"краем", W_PLACE}, {"крае", W_PLACE}, {"район*", W_PLACE}, {"округ*", W_PLACE},
    {"республик*", W_PLACE}, {"город*", W_PLACE}, {"г", W_PLACE}, {"село", W_PLACE},
    {"села", W_PLACE}, {"селе", W_PLACE}, {"деревн*", W_PLACE}, {"поселок*", W_PLACE},
    {"посёлок*", W_PLACE}, {"поселк*", W_PLACE}, {"посёлк*", W_PLACE},
    {"агрогородок*", W_PLACE}, {"остров*", W_PLACE}, {"река", W_PLACE}, {"реки", W_PLACE},
    {"реке", W_PLACE}, {"реку", W_PLACE}, {"озеро", W_PLACE}, {"озера", W_PLACE},
    {"море", W_PLACE}, {"моря", W_PLACE}, {"улиц*", W_PLACE}, {"площад*", W_PLACE},
    {"проспект*", W_PLACE}, {"столиц*", W_PLACE}, {"регион*", W_PLACE},
    {"штат*", W_PLACE}, {"провинци*", W_PLACE}, {"стран*", W_PLACE},
    /* titles */
    {"president", W_TITLE}, {"governor", W_TITLE}, {"minister", W_TITLE},
    {"premier", W_TITLE}, {"chairman", W_TITLE}, {"chairwoman", W_TITLE},
    {"director", W_TITLE}, {"mayor", W_TITLE}, {"ambassador", W_TITLE},
    {"secretary", W_TITLE}, {"spokesman", W_TITLE}, {"spokeswoman", W_TITLE},
    {"spokesperson", W_TITLE}, {"senator", W_TITLE}, {"chancellor", W_TITLE},
    {"king", W_TITLE}, {"queen", W_TITLE}, {"prince", W_TITLE}, {"princess", W_TITLE},
    {"pope", W_TITLE}, {"judge", W_TITLE}, {"coach", W_TITLE}, {"mr", W_TITLE},
    {"mrs", W_TITLE}, {"ms", W_TITLE}, {"dr", W_TITLE}, {"prof", W_TITLE},
    {"sir", W_TITLE}, {"lord", W_TITLE}, {"lady", W_TITLE}, {"general", W_TITLE},
    {"colonel", W_TITLE}, {"captain", W_TITLE}, {"deputy", W_TITLE}, {"leader", W_TITLE},
    {"ceo", W_TITLE}, {"founder", W_TITLE}, {"actor", W_TITLE}, {"actress", W_TITLE},
    {"singer", W_TITLE}, {"player", W_TITLE}, {"manager", W_TITLE}, {"mp", W_TITLE},
    {"chief", W_TITLE}, {"officer", W_TITLE}, {"detective", W_TITLE},
    {"президент*", W_TITLE}, {"губернатор*", W_TITLE}, {"министр*", W_TITLE},
    {"премьер*", W_TITLE}, {"председател*", W_TITLE}, {"директор*", W_TITLE},
    {"мэр*", W_TITLE}, {"посол", W_TITLE}, {"посла", W_TITLE}, {"послом", W_TITLE},
    {"секретар*", W_TITLE}, {"спикер*", W_TITLE}, {"сенатор*", W_TITLE},
    {"депутат*", W_TITLE}, {"канцлер*", W_TITLE}, {"корол*", W_TITLE},
    {"принц*", W_TITLE}, {"судья", W_TITLE}, {"судьи", W_TITLE}, {"тренер*", W_TITLE},
    {"господин*", W_TITLE}, {"г-н", W_TITLE}, {"генерал*", W_TITLE},
    {"полковник*", W_TITLE}, {"глава", W_TITLE}, {"главы", W_TITLE}, {"главе", W_TITLE},
    {"главу", W_TITLE}, {"главой", W_TITLE}, {"лидер*", W_TITLE},
    {"руководител*", W_TITLE}, {"основател*", W_TITLE}, {"актер*", W_TITLE},
    {"актёр*", W_TITLE}, {"актрис*", W_TITLE}, {"певец", W_TITLE}, {"певиц*", W_TITLE},
    {"игрок*", W_TITLE}, {"вице-*", W_TITLE}, {"замминистр*", W_TITLE},
    {"менеджер*", W_TITLE}, {"детектив*", W_TITLE},
    /* speech */
    {"said", W_SAID}, {"says", W_SAID}, {"told", W_SAID}, {"added", W_SAID},
    {"noted", W_SAID}, {"stressed", W_SAID}, {"explained", W_SAID}, {"wrote", W_SAID},
    {"asked", W_SAID}, {"emphasized", W_SAID}, {"emphasised", W_SAID},
    {"сказал*", W_SAID}, {"заявил*", W_SAID}, {"отметил*", W_SAID},
    {"подчеркнул*", W_SAID}, {"сообщил*", W_SAID}, {"добавил*", W_SAID},
    {"уточнил*", W_SAID}, {"пояснил*", W_SAID}, {"рассказал*", W_SAID},
    {"признал*", W_SAID}, {"высказал*", W_SAID}, {"подытожил*", W_SAID},
    {"написал*", W_SAID}, {"считает", W_SAID}, {"говорит", W_SAID},
    /* locative prepositions */
    {"in", W_LOCPREP}, {"from", W_LOCPREP}, {"near", W_LOCPREP}, {"outside", W_LOCPREP},
    {"across", W_LOCPREP}, {"throughout", W_LOCPREP}, {"в", W_LOCPREP},
    {"во", W_LOCPREP}, {"из", W_LOCPREP}, {"под", W_LOCPREP}, {"около", W_LOCPREP},
    {"возле", W_LOCPREP}, {"близ", W_LOCPREP},
};

/* Head nouns that make a Russian name phrase with the adjectives before
 * them: Воронежской области, Липецкого тракторного завода. */
static const char *const ru_heads[] = {
    "област*", "край", "края", "краю", "краем", "крае", "район*", "округ*", "республик*",
    "завод*", "автозавод*", "комбинат*", "холдинг*", "концерн*", "фабрик*", "университет*",
    "институт*", "банк", "банка", "банку", "банком", "банке", "аэропорт*", "стадион*",
    "дорог*", "море", "моря", "морем", "озеро", "озера", "площад*", "партия", "партии",
    "партию", "партией", "федераци*", "комитет*", "комисси*", "суд", "суда", "суде", "судом",
    "суду", "министерств*", "агентств*", "ассамбле*", "совет", "совета", "совете", "советом",
    "совету", "союз*", "служб*", "фонд*", "организаци*", "театр*", "музе*", "собор*", "улиц*",
    "проспект*", "остров*", "залив*", "полуостров*", "пустын*", "гор", "горы", "горах",
    "хребт*",
};


/* Countries, regions and cities, as English keys (names.h): a place. */
static const char *const places[] = {
    "afghanistan", "africa", "albania", "algeria", "america", "amsterdam", "andorra",
    "angola", "ankara", "antarctica", "arctic", "argentina", "arizona", "armenia",
    "ashgabat", "asia", "astana", "athens", "australia", "austria", "azerbaijan", "baghdad",
    "bahrain", "baku", "balkans", "bangkok", "bangladesh", "baranovichi", "beijing",
    "beirut", "belarus", "belgium", "belgrade", "berlin", "birmingham", "bishkek",
    "bobruisk", "bolivia", "bosnia", "boston", "brazil", "brest", "britain", "brussels",
    "bryansk", "bucharest", "budapest", "bulgaria", "cairo", "california", "cambodia",
    "cameroon", "canada", "cardiff", "caucasus", "chicago", "chile", "china", "chisinau",
    "colombia", "congo", "copenhagen", "crimea", "croatia", "cuba", "cyprus", "czechia",
    "damascus", "delhi", "denmark", "doha", "dubai", "dublin", "dushanbe", "ecuador",
    "edinburgh", "egypt", "england", "estonia", "ethiopia", "europe", "finland", "florida",
    "france", "geneva", "georgia", "germany", "ghana", "glasgow", "gomel", "greece",
    "grodno", "guatemala", "haiti", "havana", "hawaii", "helsinki", "honduras",
    "hong kong", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland",
    "israel", "istanbul", "italy", "jakarta", "jamaica", "japan", "jerusalem", "jordan",
    "kabul", "kaliningrad", "kazakhstan", "kazan", "kenya", "kiev", "korea", "kosovo",
    "kursk", "kuwait", "kyiv", "kyrgyzstan", "laos", "latvia", "lebanon", "libya",
    "lipetsk", "lisbon", "lithuania", "liverpool", "london", "los angeles",
    "luxembourg", "macedonia", "madrid", "malaysia", "mali", "malta", "manchester",
    "manila", "melbourne", "mexico", "miami", "michigan", "minsk", "mogilev", "moldova",
    "monaco", "mongolia", "montenegro", "morocco", "moscow", "mozambique", "mumbai",
    "myanmar", "nepal", "netherlands", "nevada", "new jersey", "new york", "new zealand",
    "nicaragua", "niger", "nigeria", "north korea", "norway", "novosibirsk", "ohio",
    "oman", "orsha", "oslo", "pakistan", "palestine", "panama", "paraguay", "paris",
    "peru", "petersburg", "philippines", "pinsk", "poland", "portugal", "prague",
    "pyongyang", "qatar", "riga", "riyadh", "romania", "rome", "russia",
    "russian federation", "rwanda", "saudi arabia", "scotland", "seoul", "serbia",
    "shanghai", "siberia", "singapore", "slovakia", "slovenia", "smolensk", "sochi",
    "sofia", "somalia", "south africa", "south korea", "spain", "sri lanka",
    "st petersburg", "stockholm", "sudan", "sweden", "switzerland", "sydney", "syria",
    "taiwan", "tajikistan", "tallinn", "tanzania", "tashkent", "tbilisi", "tehran",
    "texas", "thailand", "tokyo", "toronto", "tunisia", "turkey", "turkmenistan", "uae",
    "uganda", "uk", "ukraine", "united kingdom", "united states", "uruguay", "us",
    "uzbekistan", "venezuela", "vienna", "vietnam", "vilnius", "virginia", "vitebsk",
    "vologda", "voronezh", "wales", "warsaw", "washington", "yekaterinburg", "yemen",
    "yerevan", "zambia", "zimbabwe", "zurich",
};

/* First names, as English keys in the usual spellings: a person. */
static const char *const first_names[] = {
    "aaron", "abigail", "adam", "adrian", "aidan", "alan", "albert", "aleksandr", "aleksandra",
    "aleksei", "aleksey", "alex", "alexander", "alexandra", "alexei", "alexey", "alice",
    "alicia", "alison", "alla", "allison", "amanda", "amber", "amy", "ana", "anastasia",
    "anatoliy", "anatoly", "andre", "andrea", "andrei", "andrew", "andrey", "andy", "angela",
    "angelina", "ann", "anna", "anne", "annie", "anthony", "anton", "antonio", "arkady",
    "arnold", "artem", "arthur", "ashley", "austin", "barbara", "barry", "ben", "benjamin",
    "bernard", "bernie", "beth", "betty", "bill", "billy", "blake", "bob", "bobby", "boris",
    "brad", "bradley", "brandon", "brenda", "brett", "brian", "bruce", "bryan", "caleb",
    "cameron", "carl", "carlos", "carol", "caroline", "carolyn", "catherine", "charles",
    "charlie", "charlotte", "chloe", "chris", "christian", "christina", "christine",
    "christopher", "claire", "colin", "connor", "craig", "daniel", "danielle", "daria",
    "darren", "darya", "dave", "david", "dean", "deborah", "denis", "dennis", "derek", "diana",
    "diane", "dmitri", "dmitriy", "dmitry", "dominic", "donald", "donna", "doris", "dorothy",
    "douglas", "dylan", "earl", "ed", "eddie", "edward", "ekaterina", "elaine", "elena",
    "elizabeth", "ellen", "emily", "emma", "emmanuel", "eric", "erica", "erin", "ethan",
    "eugene", "evan", "evgeniy", "evgeny", "fedor", "fiona", "frank", "fred", "fyodor",
    "gabriel", "galina", "gary", "gavin", "gennadiy", "gennady", "george", "georgiy", "georgy",
    "gerald", "gloria", "gordon", "grace", "graham", "greg", "gregory", "grigoriy", "grigory",
    "hannah", "harold", "harry", "heather", "helen", "henry", "hillary", "holly", "howard",
    "hugh", "ian", "igor", "ilya", "irene", "irina", "isaac", "ivan", "jack", "jackie", "jacob",
    "jake", "james", "jamie", "jane", "janet", "janice", "jared", "jason", "jean", "jeff",
    "jeffrey", "jennifer", "jeremy", "jerry", "jesse", "jessica", "jill", "jim", "jimmy",
    "joan", "joe", "joel", "john", "johnny", "jon", "jonathan", "jordan", "jose", "joseph",
    "joshua", "joyce", "juan", "judith", "judy", "julia", "julian", "julie", "justin", "karen",
    "karl", "kate", "katherine", "kathleen", "kathryn", "kathy", "katie", "keith", "kelly",
    "kenneth", "kevin", "kim", "kimberly", "kirill", "konstantin", "ksenia", "kseniya", "kyle",
    "larisa", "larry", "laura", "lauren", "lawrence", "lee", "leonid", "leslie", "liam",
    "lidia", "lidiya", "linda", "lisa", "liz", "louis", "louise", "lucy", "ludmila", "luis",
    "luke", "lyudmila", "madison", "maksim", "margaret", "margarita", "maria", "marie",
    "marina", "mario", "mark", "martha", "martin", "mary", "matt", "matthew", "maxim", "maxine",
    "megan", "melanie", "melissa", "michael", "michelle", "mike", "mikhail", "miles", "mitch",
    "molly", "nadezhda", "nancy", "natalia", "natalie", "natalya", "nathan", "neil", "nicholas",
    "nick", "nicola", "nicole", "nikita", "nikolai", "nikolay", "nina", "noah", "oksana",
    "oleg", "olga", "oliver", "olivia", "pamela", "pat", "patricia", "patrick", "paul", "paula",
    "pavel", "peter", "petr", "phil", "philip", "phillip", "polina", "pyotr", "rachel", "ralph",
    "randy", "raymond", "rebecca", "richard", "rick", "rita", "rob", "robert", "robin", "roger",
    "roman", "ron", "ronald", "rose", "ross", "ruslan", "russell", "ruth", "ryan", "sally",
    "sam", "samantha", "samuel", "sandra", "sara", "sarah", "scott", "sean", "sergei", "sergey",
    "sharon", "shirley", "simon", "sophia", "sophie", "stanislav", "stephanie", "stephen",
    "steve", "steven", "stuart", "susan", "svetlana", "tatiana", "tatyana", "taylor", "ted",
    "terry", "theresa", "thomas", "tiffany", "tim", "timothy", "tina", "todd", "tom", "tommy",
    "tony", "tracy", "tyler", "valentina", "valeriy", "valery", "vasiliy", "vasily", "vera",
    "victor", "victoria", "viktor", "vincent", "virginia", "vitaliy", "vitaly", "vladimir",
    "vladislav", "vyacheslav", "walter", "wayne", "wendy", "william", "yekaterina", "yelena",
    "yevgeniy", "yevgeny", "yulia", "yuliya", "yuri", "yuriy", "yury", "zachary", "zoe",
};

/* ---- letters and tokens ---------------------------------------------------- */

static long lower_cp(long c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c;
}

static int is_upper_cp(long c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x42F);
}

static int is_letter_cp(long c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}

static int is_digit_cp(long c)
{
    return c >= '0' && c <= '9';
}

#define TOKLOW 40

typedef struct {
    size_t start, end;
    char low[TOKLOW];   /* lower-case copy (truncated) */
    unsigned char upper_first, all_upper, one_letter;
    char sep;           /* what stands between the previous token and this one:
                           ' ' only space or quotes, ',' a comma, '.' a period,
                           '!' other punctuation */
} tok;

/* Splits text into word tokens (letters and digits, inner hyphens and
 * apostrophes), at most max of them. */
static size_t tokenize(const char *s, size_t len, tok *v, size_t max)
{
    size_t n = 0, i = 0;
    char sep = ' ';
    while (i < len && n < max) {
        size_t adv;
        long c = sv_utf8_decode(s + i, len - i, &adv);
        if (c < 0 || !(is_letter_cp(c) || is_digit_cp(c))) {
            if (c == ',' || c == ';')
                sep = sep == ' ' ? ',' : sep;
            else if (c == '.')
                sep = sep == '!' ? '!' : '.';
            else if (c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '[' ||
                     c == ']' || c == 0x2014 || c == 0x2013)
                sep = '!';
            i += adv;
            continue;
        }
        tok *t = &v[n];
        memset(t, 0, sizeof *t);
        t->start = i;
        t->sep = sep;
        t->upper_first = (unsigned char)is_upper_cp(c);
        t->all_upper = 1;
        size_t o = 0, letters = 0;
        while (i < len) {
            c = sv_utf8_decode(s + i, len - i, &adv);
            int inner = 0;
            if (c == '-' || c == '\'' || c == 0x2019) {
                size_t a2;
                long d = i + adv < len ? sv_utf8_decode(s + i + adv, len - i - adv, &a2) : -1;
                inner = d >= 0 && (is_letter_cp(d) || is_digit_cp(d));
            }
            if (c < 0 || !(is_letter_cp(c) || is_digit_cp(c) || inner))
                break;
            if (is_letter_cp(c)) {
                letters++;
                if (!is_upper_cp(c))
                    t->all_upper = 0;
            }
            char b[4];
            size_t k = sv_utf8_encode((unsigned)lower_cp(c), b);
            if (o + k < TOKLOW) {
                memcpy(t->low + o, b, k);
                o += k;
            }
            i += adv;
        }
        t->low[o] = 0;
        t->end = i;
        t->one_letter = letters == 1 && t->upper_first;
        if (letters == 0)
            t->all_upper = 0;
        n++;
        sep = ' ';
    }
    return n;
}

/* The class of a lower-case word in cue_words, or 0. */
static unsigned word_class(const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < sizeof cue_words / sizeof *cue_words; i++) {
        const char *e = cue_words[i].w;
        size_t k = strlen(e);
        if (e[k - 1] == '*') {
            if (n >= k - 1 && memcmp(w, e, k - 1) == 0)
                return cue_words[i].cls;
        } else if (n == k && memcmp(w, e, k) == 0) {
            return cue_words[i].cls;
        }
    }
    return 0;
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list[i]);
        if (list[i][k - 1] == '*' ? (wl >= k - 1 && memcmp(w, list[i], k - 1) == 0)
                                  : (wl == k && memcmp(w, list[i], k) == 0))
            return 1;
    }
    return 0;
}

/* Does a lower-case Russian word look like an adjective (any case)? */
static int ru_adjective(const char *w)
{
    static const char *const endings[] = {
        "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое",
        "ее", "ые", "ие", "ую", "юю", "ым", "им", "ых", "их", "ей", "ом", "ем",
    };
    size_t n = strlen(w);
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        size_t k = strlen(endings[i]);
        if (n > k + 2 * 2 && memcmp(w + n - k, endings[i], k) == 0)
            return 1;
    }
    return 0;
}

/* ---- the object ------------------------------------------------------------- */

enum { CUE_ENT, CUE_PLACE, CUE_PERSON, NCUES };

enum { C_ACRO = 1, C_QUOTED = 2, C_INITIAL = 4, C_GROUP = 8, C_EXT = 16, C_PLANT = 32 };

typedef struct {
    size_t off, len;  /* the form, in g->pool */
    size_t count;
    size_t noninitial;
    int quoted;
    size_t nom_off, nom_len; /* Russian: its nominative (build) */
} variant;

typedef struct {
    sv_lang lang;
    char key[KEYSZ];
    unsigned nwords;
    unsigned flags;       /* C_* seen on any occurrence (C_INITIAL: on all) */
    size_t occs, noninitial, npairs;
    size_t standalone;    /* occurrences not inside a longer candidate */
    double cue[NCUES];
    variant *vars;
    size_t nvars, capv;
    size_t form_off, form_len; /* display form (build) */
    /* words for the dictionary (build, lazily) */
    int words_done;
    unsigned nw;
    uint32_t wid[MAX_TERM_WORDS][2];
    unsigned nwid[MAX_TERM_WORDS];
} term;

typedef struct {
    uint32_t term, var;
    uint32_t start, end;
} occ;

typedef struct {
    size_t en_off, en_len, ru_off, ru_len;
    size_t occ0;
    uint32_t nen, nru;
    uint32_t origin; /* index into origins + 1, or 0 */
} gpair;

typedef struct {
    uint32_t e, r;
    uint32_t cooc, links;
    double sim, score;
    int complete;
    size_t ex_pair;  /* best example: pair index + 1 */
    size_t last_pair; /* the last pair that linked them, + 1 */
    size_t ex_len;
} pstat;

struct sv_glossary {
    sv_glossary_opts o;
    sv_names *nm;
    sv_lexctx *lx;
    sv_buf pool;      /* forms, nominatives, texts */
    term *terms;
    size_t nterms, capt;
    sv_keymap *term_map;
    occ *occs;
    size_t nocc, capo;
    gpair *pairs;
    size_t npairs, capp;
    char **origins;
    size_t norig, caporig;
    pstat *ps;
    size_t nps, capps;
    sv_keymap *ps_map;
    int built;
    /* results */
    sv_gloss_entry *entries;
    size_t nentries;
    sv_gloss_variant *vstore;
    char *strings;    /* the entries' strings */
    size_t links;
    sv_strset *place_set, *name_set;
    sv_strset *seen_places, *seen_surnames; /* from the corpus (build) */
    sv_morph *morph;  /* for the forms shown (build, lazily) */
    int morph_tried;
};

void sv_glossary_opts_init(sv_glossary_opts *o)
{
    memset(o, 0, sizeof *o);
    o->min_count = 1;
    o->min_score = 0.5;
    o->kinds = SV_TERM_ALL_KINDS;
    o->min_link_score = 0.5;
}

const char *sv_term_kind_name(sv_term_kind k)
{
    switch (k) {
    case SV_TERM_ENTERPRISE: return "enterprise";
    case SV_TERM_PLACE: return "place";
    case SV_TERM_PERSON: return "person";
    default: return "other";
    }
}

int sv_term_kind_parse(const char *s, sv_term_kind *out)
{
    static const struct { const char *n; sv_term_kind k; } names[] = {
        {"enterprise", SV_TERM_ENTERPRISE}, {"enterprises", SV_TERM_ENTERPRISE},
        {"organisation", SV_TERM_ENTERPRISE}, {"organization", SV_TERM_ENTERPRISE},
        {"org", SV_TERM_ENTERPRISE}, {"place", SV_TERM_PLACE}, {"places", SV_TERM_PLACE},
        {"person", SV_TERM_PERSON}, {"people", SV_TERM_PERSON}, {"other", SV_TERM_OTHER},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(s, names[i].n)) {
            *out = names[i].k;
            return 0;
        }
    return -1;
}

/* A set of canonical keys (names.h) of a word list. */
static sv_strset *canon_set(const char *const *list, size_t n)
{
    sv_strset *s = sv_strset_new();
    char c[2 * KEYSZ];
    for (size_t i = 0; i < n; i++) {
        sv_name_canon(list[i], c, sizeof c);
        sv_strset_add(s, c);
    }
    return s;
}

sv_status sv_glossary_new(const sv_glossary_opts *opts, sv_glossary **out, sv_diags *diags)
{
    *out = NULL;
    sv_glossary_opts o;
    if (opts)
        o = *opts;
    else
        sv_glossary_opts_init(&o);
    if (o.kinds == 0)
        o.kinds = SV_TERM_ALL_KINDS;
    sv_names_opts no;
    sv_names_opts_init(&no);
    no.dict_dir = o.dict_dir;
    sv_names *nm;
    sv_status st = sv_names_new(&no, &nm, diags);
    if (st != SV_OK)
        return st;
    sv_lexctx *lx = NULL;
    if (o.lexicon) {
        st = sv_lexctx_new(o.lexicon, &lx, diags);
        if (st != SV_OK) {
            sv_names_free(nm);
            return st;
        }
    }
    sv_glossary *g = xcalloc(1, sizeof *g);
    g->o = o;
    g->nm = nm;
    g->lx = lx;
    g->term_map = sv_keymap_new();
    g->ps_map = sv_keymap_new();
    g->place_set = canon_set(places, sizeof places / sizeof *places);
    g->name_set = canon_set(first_names, sizeof first_names / sizeof *first_names);
    g->seen_places = sv_strset_new();
    g->seen_surnames = sv_strset_new();
    *out = g;
    return SV_OK;
}

void sv_glossary_free(sv_glossary *g)
{
    if (!g)
        return;
    sv_names_free(g->nm);
    sv_lexctx_free(g->lx);
    sv_buf_free(&g->pool);
    for (size_t i = 0; i < g->nterms; i++)
        free(g->terms[i].vars);
    free(g->terms);
    sv_keymap_free(g->term_map);
    free(g->occs);
    free(g->pairs);
    for (size_t i = 0; i < g->norig; i++)
        free(g->origins[i]);
    free(g->origins);
    free(g->ps);
    sv_keymap_free(g->ps_map);
    free(g->entries);
    free(g->vstore);
    free(g->strings);
    sv_strset_free(g->place_set);
    sv_strset_free(g->name_set);
    sv_strset_free(g->seen_places);
    sv_strset_free(g->seen_surnames);
    sv_morph_free(g->morph);
    free(g);
}

void sv_glossary_learn(sv_glossary *g, const char *ru, size_t len)
{
    if (g && ru)
        sv_names_learn(g->nm, ru, len);
}

/* ---- candidates ------------------------------------------------------------- */

typedef struct {
    size_t start, end;
    unsigned nwords;
    unsigned flags;
    char key[KEYSZ];
    double cue[NCUES];
} cand;

typedef struct {
    cand *v;
    size_t n, cap;
} cands;

/* Only white space between two spans? */
static int only_space(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

static int has_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

static void add_cand(sv_glossary *g, cands *c, const char *s, size_t start, size_t end,
                     unsigned nwords, unsigned flags, const char *key)
{
    if (c->n >= MAX_CANDS || end <= start || has_digit(s, start, end))
        return;
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].start == start && c->v[i].end == end)
            return;
    cand x;
    memset(&x, 0, sizeof x);
    x.start = start;
    x.end = end;
    x.nwords = nwords;
    x.flags = flags;
    if (key)
        snprintf(x.key, sizeof x.key, "%s", key);
    else
        sv_names_key(g->nm, s + start, end - start, x.key, sizeof x.key);
    if (!x.key[0])
        return;
    SV_PUSH(c->v, c->n, c->cap, x);
}

/* Index of the first token starting at or after pos. */
static size_t tok_at(const tok *t, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Russian: a name followed by lower-case adjectives and a head noun
 * (Воронежской области, Липецкого тракторного завода). */
static void extend_ru(sv_glossary *g, cands *c, const char *s, const tok *t, size_t nt,
                      size_t start, size_t end, unsigned nwords)
{
    if ((unsigned char)s[start] < 0xD0 || (unsigned char)s[start] > 0xD3)
        return; /* a Latin name (Robotics Challenge агентства) is not declined */
    size_t k = tok_at(t, nt, end);
    for (unsigned adj = 0; adj <= 2 && k < nt; adj++, k++) {
        if (t[k].sep != ' ' || t[k].upper_first || !only_space(s, k ? t[k - 1].end : end, t[k].start))
            return;
        if (in_list(t[k].low, ru_heads, sizeof ru_heads / sizeof *ru_heads)) {
            add_cand(g, c, s, start, t[k].end, nwords + adj + 1, C_EXT | C_GROUP, NULL);
            return;
        }
        if (!ru_adjective(t[k].low))
            return;
    }
}

/* English: two names joined by "of" or "of the" (Game of Thrones, Bank of
 * England, University of Oxford). */
static void extend_of(sv_glossary *g, cands *c, const char *s, const tok *t, size_t nt)
{
    size_t n0 = c->n;
    for (size_t i = 0; i < n0; i++) {
        const cand *a = &c->v[i];
        if (a->flags & (C_QUOTED | C_EXT))
            continue;
        size_t k = tok_at(t, nt, a->end);
        if (k + 1 >= nt || strcmp(t[k].low, "of") || t[k].sep != ' ' || t[k].upper_first ||
            !only_space(s, a->end, t[k].start))
            continue;
        size_t words = 1;
        if (!strcmp(t[k + 1].low, "the") && !t[k + 1].upper_first && t[k + 1].sep == ' ') {
            k++;
            words++;
        }
        if (k + 1 >= nt || t[k + 1].sep != ' ')
            continue;
        size_t bstart = t[k + 1].start;
        const cand *best = NULL;
        for (size_t j = 0; j < n0; j++)
            if (c->v[j].start == bstart && !(c->v[j].flags & C_EXT) &&
                (!best || c->v[j].end > best->end))
                best = &c->v[j];
        /* the longest run on the left that ends at a */
        const cand *left = a;
        for (size_t j = 0; j < n0; j++)
            if (c->v[j].end == a->end && c->v[j].start < left->start && !(c->v[j].flags & C_EXT) &&
                !(c->v[j].flags & C_QUOTED))
                left = &c->v[j];
        if (best && left == a && !(best->flags & C_QUOTED))
            add_cand(g, c, s, a->start, best->end, (unsigned)(a->nwords + words + best->nwords),
                     C_GROUP | C_EXT, NULL);
    }
}

/* Adds the cues of a word next to a name (or inside the group it belongs
 * to); b is its distance (1: right before or after). */
static void near_word(cand *x, const tok *p, size_t b, int before)
{
    switch (word_class(p->low)) {
    case W_ENTERPRISE:
        if (b == 1)
            x->cue[CUE_ENT] += 2;
        break;
    case W_ORG:
        if (b == 1)
            x->cue[CUE_ENT] += 1;
        break;
    case W_PLACE:
        if (b == 1)
            x->cue[CUE_PLACE] += 2;
        break;
    case W_TITLE:
        /* not before an acronym: президент США, глава ООН */
        if (!(x->flags & C_ACRO))
            x->cue[CUE_PERSON] += !before ? 0.5 : b == 1 ? 1.5 : 1;
        break;
    case W_SAID: x->cue[CUE_PERSON] += 0.5; break;
    case W_LOCPREP:
        if (before && b == 1)
            x->cue[CUE_PLACE] += 0.25;
        break;
    default: break;
    }
}

/* Context cues of one candidate: its own words, and the words around the
 * largest candidate that holds it, [cs, ce) (for a surname inside "Heather
 * Nauert", the words around the whole name). */
static void cand_cues(cand *x, const char *s, const tok *t, size_t nt, sv_lang lang, size_t cs,
                      size_t ce)
{
    size_t first = tok_at(t, nt, x->start), last = tok_at(t, nt, x->end); /* [first, last) */
    if (first >= nt || last <= first)
        return;
    for (size_t k = first; k < last; k++) {
        unsigned cls = word_class(t[k].low);
        if (cls == W_ENTERPRISE)
            x->cue[CUE_ENT] += 3;
        else if (cls == W_ORG)
            x->cue[CUE_ENT] += 2;
        else if (cls == W_PLACE && k > first)
            x->cue[CUE_PLACE] += 3;
    }
    /* acronyms of plants: МАЗ, МТЗ, БелАЗ, КамАЗ (З = завод) */
    if (x->flags & C_ACRO) {
        for (size_t i = x->start; i + 1 < x->end; i++)
            if ((unsigned char)s[i] == 0xD0 && (unsigned char)s[i + 1] == 0x97)
                x->flags |= C_PLANT;
        if (lang == SV_LANG_EN && memchr(s + x->start, 'Z', x->end - x->start))
            x->flags |= C_PLANT;
    }
    /* patronymics: Александр Григорьевич Лукашенко */
    for (size_t k = first + 1; k < last; k++) {
        size_t n = strlen(t[k].low);
        static const char *const pat[] = {"ович", "евич", "овна", "евна", "ична"};
        for (size_t i = 0; i < sizeof pat / sizeof *pat; i++)
            if (n > 10 && !strcmp(t[k].low + n - 8, pat[i])) {
                x->cue[CUE_PERSON] += 3;
                break;
            }
    }
    size_t cf = tok_at(t, nt, cs), cl = tok_at(t, nt, ce);
    if (cf > first)
        cf = first;
    if (cl < last)
        cl = last;
    for (size_t k = cf; k < cl; k++)
        if (k < first || k >= last)
            near_word(x, &t[k], 1, k < first);
    /* before: three words, not across punctuation or another name */
    for (size_t b = 1; b <= 3 && b <= cf; b++) {
        const tok *p = &t[cf - b], *nx = &t[cf - b + 1];
        if (b == 1 && p->one_letter && nx->sep == '.') {
            x->cue[CUE_PERSON] += 3; /* an initial: А. Лукашенко */
            break;
        }
        if (nx->sep != ' ' || (p->upper_first && !word_class(p->low)))
            break;
        near_word(x, p, b, 1);
    }
    /* after: two words */
    for (size_t a = 0; a < 2 && cl + a < nt; a++) {
        const tok *p = &t[cl + a];
        if (a == 0 && p->sep == ',' && x->start == 0 && (x->flags & C_ACRO) &&
            x->end - x->start > 4) {
            x->cue[CUE_PLACE] += 2; /* a dateline: МИНСК, 10 июн */
            break;
        }
        if (p->sep != ' ' || (p->upper_first && !word_class(p->low)))
            break;
        near_word(x, p, a + 1, 0);
    }
}

#define MAX_TOKS 4096

/* The candidates of one sentence. */
static sv_status find_cands(sv_glossary *g, sv_lang lang, const char *s, size_t len, cands *c)
{
    c->n = 0;
    sv_name *v = NULL;
    size_t nv = 0;
    sv_status st = sv_names_extract(g->nm, lang, s, len, &v, &nv);
    if (st != SV_OK)
        return st;
    tok *t = xmalloc(MAX_TOKS * sizeof *t);
    size_t nt = tokenize(s, len, t, MAX_TOKS);
    for (size_t i = 0; i < nv && c->n < MAX_CANDS; i++) {
        const sv_name *e = &v[i];
        unsigned fl = 0;
        if (e->kind == SV_NAME_ACRONYM)
            fl |= C_ACRO;
        if (e->kind == SV_NAME_QUOTED)
            fl |= C_QUOTED;
        if (e->nwords == 1) {
            if (e->sentence_initial && e->kind == SV_NAME_WORD)
                fl |= C_INITIAL;
            add_cand(g, c, s, e->start, e->end, 1, fl, e->key);
            if (lang == SV_LANG_RU && e->kind == SV_NAME_WORD)
                extend_ru(g, c, s, t, nt, e->start, e->end, 1);
            continue;
        }
        /* a group: its words follow it */
        size_t nw = 0;
        const sv_name *w[16];
        for (size_t j = i + 1; j < nv && nw < 16 && v[j].start < e->end; j++)
            if (v[j].nwords == 1)
                w[nw++] = &v[j];
        if (e->kind == SV_NAME_QUOTED) {
            add_cand(g, c, s, e->start, e->end, e->nwords, fl | C_GROUP, NULL);
            continue;
        }
        /* a run of capitalised words, cut at possessives ("Russia's Voronezh
         * Oblast" gives Voronezh Oblast): each piece, and the runs inside
         * pieces of up to MAX_SUB_GROUP words */
        for (size_t a = 0; a < nw;) {
            size_t b = a;
            while (b + 1 < nw && only_space(s, w[b]->end, w[b + 1]->start))
                b++;
            if (b > a) {
                add_cand(g, c, s, w[a]->start, w[b]->end, (unsigned)(b - a + 1), C_GROUP, NULL);
                if (lang == SV_LANG_RU)
                    extend_ru(g, c, s, t, nt, w[a]->start, w[b]->end, (unsigned)(b - a + 1));
            }
            for (size_t x = a; b - a + 1 <= MAX_SUB_GROUP && x <= b; x++)
                for (size_t y = x + 1; y <= b; y++)
                    if (x != a || y != b)
                        add_cand(g, c, s, w[x]->start, w[y]->end, (unsigned)(y - x + 1), C_GROUP,
                                 NULL);
            a = b + 1;
        }
    }
    if (lang == SV_LANG_EN)
        extend_of(g, c, s, t, nt);
    for (size_t i = 0; i < c->n; i++) {
        size_t cs = c->v[i].start, ce = c->v[i].end;
        for (size_t j = 0; j < c->n; j++)
            if (c->v[j].start <= cs && c->v[j].end >= ce && (c->v[j].start < cs || c->v[j].end > ce) &&
                !(c->v[j].flags & C_EXT)) {
                cs = c->v[j].start;
                ce = c->v[j].end;
            }
        cand_cues(&c->v[i], s, t, nt, lang, cs, ce);
    }
    free(t);
    free(v);
    return SV_OK;
}

/* Appends text with runs of white space as one space. */
static void put_collapsed(sv_buf *b, const char *s, size_t len)
{
    int sp = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            sp = 1;
            continue;
        }
        if (sp && b->len)
            sv_buf_putc(b, ' ');
        sp = 0;
        sv_buf_putc(b, ch);
    }
}

/* Is s[0..n) an acronym written in capitals only (ООН, США)? */
static int all_capitals(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        long c = sv_utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (c < 0 || !is_letter_cp(c) || !is_upper_cp(c))
            return 0;
        letters++;
    }
    return letters >= 2;
}

/* The nominative of a Russian name.  A trailing acronym is a genitive
 * attribute and stays apart (Генеральной Ассамблее ООН -> Генеральная
 * Ассамблея ООН): names.h would otherwise take it for the head. */
static void nominative(sv_glossary *g, const char *s, size_t len, sv_buf *out)
{
    size_t before = out->len, cut = len;
    while (cut > 0 && s[cut - 1] != ' ')
        cut--;
    if (cut > 1 && cut < len && all_capitals(s + cut, len - cut)) {
        nominative(g, s, cut - 1, out);
        sv_buf_append(out, s + cut - 1, len - cut + 1);
        return;
    }
    if (sv_names_nominative(g->nm, s, len, out) != SV_OK) {
        out->len = before;
        sv_buf_append(out, s, len);
    }
}

sv_status sv_glossary_candidates(sv_glossary *g, sv_lang lang, const char *text, size_t len,
                                 sv_gloss_cand **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (lang != SV_LANG_EN && lang != SV_LANG_RU)
        return SV_ERR_ARG;
    cands c = {NULL, 0, 0};
    sv_status st = find_cands(g, lang, text, len, &c);
    if (st != SV_OK)
        return st;
    sv_gloss_cand *v = c.n ? xcalloc(c.n, sizeof *v) : NULL;
    for (size_t i = 0; i < c.n; i++) {
        const cand *x = &c.v[i];
        v[i].start = x->start;
        v[i].end = x->end;
        v[i].nwords = x->nwords;
        v[i].acronym = !!(x->flags & C_ACRO);
        v[i].quoted = !!(x->flags & C_QUOTED);
        v[i].initial = !!(x->flags & C_INITIAL);
        snprintf(v[i].key, sizeof v[i].key, "%s", x->key);
        sv_buf b = SV_BUF_INIT, f = SV_BUF_INIT;
        put_collapsed(&b, text + x->start, x->end - x->start);
        if (lang == SV_LANG_RU)
            nominative(g, sv_buf_cstr(&b), b.len, &f);
        else
            sv_buf_append(&f, sv_buf_cstr(&b), b.len);
        v[i].form = sv_buf_detach(&f, NULL);
        sv_buf_free(&b);
    }
    free(c.v);
    *out = v;
    *n = c.n;
    return SV_OK;
}

void sv_gloss_cands_free(sv_gloss_cand *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i].form);
    free(v);
}

/* ---- adding pairs ----------------------------------------------------------- */

static uint32_t term_id(sv_glossary *g, sv_lang lang, const cand *x)
{
    size_t kl = strlen(x->key);
    uint64_t a = sv_hash64(x->key, kl, (uint64_t)lang * 0x9E3779B97F4A7C15ull + 1);
    uint64_t b = sv_hash64(x->key, kl, (uint64_t)lang + 0x51ED27ull);
    if (a == 0 && b == 0)
        a = 1;
    int created;
    uint64_t *slot = sv_keymap_slot(g->term_map, a, b, g->nterms, &created);
    if (!created)
        return (uint32_t)*slot;
    term t;
    memset(&t, 0, sizeof t);
    t.lang = lang;
    memcpy(t.key, x->key, kl + 1);
    t.nwords = x->nwords;
    t.flags = C_INITIAL;
    SV_PUSH(g->terms, g->nterms, g->capt, t);
    return (uint32_t)(g->nterms - 1);
}

static uint32_t variant_of(sv_glossary *g, term *t, const char *s, const cand *x)
{
    sv_buf tmp = SV_BUF_INIT;
    put_collapsed(&tmp, s + x->start, x->end - x->start);
    uint32_t k;
    for (k = 0; k < t->nvars; k++) {
        variant *v = &t->vars[k];
        if (v->len == tmp.len && v->quoted == !!(x->flags & C_QUOTED) &&
            memcmp(g->pool.ptr + v->off, tmp.ptr, tmp.len) == 0)
            break;
    }
    if (k == t->nvars) {
        if (t->nvars >= MAX_VARIANTS) {
            sv_buf_free(&tmp);
            return UINT32_MAX;
        }
        variant v;
        memset(&v, 0, sizeof v);
        v.off = g->pool.len;
        v.len = tmp.len;
        v.quoted = !!(x->flags & C_QUOTED);
        sv_buf_append(&g->pool, tmp.ptr, tmp.len);
        sv_buf_putc(&g->pool, 0);
        SV_PUSH(t->vars, t->nvars, t->capv, v);
    }
    sv_buf_free(&tmp);
    t->vars[k].count++;
    if (!(x->flags & C_INITIAL))
        t->vars[k].noninitial++;
    return k;
}

static sv_status add_side(sv_glossary *g, sv_lang lang, const char *s, size_t len, uint32_t *n)
{
    cands c = {NULL, 0, 0};
    sv_status st = find_cands(g, lang, s, len, &c);
    *n = 0;
    for (size_t i = 0; st == SV_OK && i < c.n; i++) {
        const cand *x = &c.v[i];
        uint32_t id = term_id(g, lang, x);
        term *t = &g->terms[id];
        if (x->nwords > t->nwords)
            t->nwords = x->nwords;
        t->flags |= x->flags & ~(unsigned)C_INITIAL;
        if (!(x->flags & C_INITIAL)) {
            t->flags &= ~(unsigned)C_INITIAL;
            t->noninitial++;
        }
        t->occs++;
        int inside = 0;
        for (size_t j = 0; j < c.n && !inside; j++)
            inside = j != i && c.v[j].start <= x->start && c.v[j].end >= x->end &&
                     c.v[j].end - c.v[j].start > x->end - x->start;
        t->standalone += !inside;
        for (int k = 0; k < NCUES; k++)
            t->cue[k] += x->cue[k];
        occ o = {id, variant_of(g, t, s, x), (uint32_t)x->start, (uint32_t)x->end};
        SV_PUSH(g->occs, g->nocc, g->capo, o);
        (*n)++;
    }
    free(c.v);
    return st;
}

static uint32_t origin_id(sv_glossary *g, const char *origin)
{
    if (!origin)
        return 0;
    if (g->norig && !strcmp(g->origins[g->norig - 1], origin))
        return (uint32_t)g->norig;
    char *o = xstrdup(origin);
    SV_PUSH(g->origins, g->norig, g->caporig, o);
    return (uint32_t)g->norig;
}

sv_status sv_glossary_add_pair(sv_glossary *g, const char *en, size_t en_len, const char *ru,
                               size_t ru_len, const char *origin)
{
    if (g->built)
        return SV_ERR_ARG;
    if (en_len > UINT32_MAX || ru_len > UINT32_MAX)
        return SV_ERR_LIMIT;
    sv_names_learn(g->nm, ru, ru_len);
    gpair p;
    memset(&p, 0, sizeof p);
    p.occ0 = g->nocc;
    sv_status st = add_side(g, SV_LANG_EN, en, en_len, &p.nen);
    if (st == SV_OK)
        st = add_side(g, SV_LANG_RU, ru, ru_len, &p.nru);
    if (st != SV_OK) {
        g->nocc = p.occ0;
        return st;
    }
    if (p.nen == 0 || p.nru == 0) {
        g->nocc = p.occ0; /* nothing to pair; the terms keep their counts */
        p.nen = p.nru = 0;
    } else {
        p.en_off = g->pool.len;
        p.en_len = en_len;
        sv_buf_append(&g->pool, en, en_len);
        sv_buf_putc(&g->pool, 0);
        p.ru_off = g->pool.len;
        p.ru_len = ru_len;
        sv_buf_append(&g->pool, ru, ru_len);
        sv_buf_putc(&g->pool, 0);
    }
    p.origin = origin_id(g, origin);
    SV_PUSH(g->pairs, g->npairs, g->capp, p);
    return SV_OK;
}

sv_status sv_glossary_add_bitext(sv_glossary *g, const sv_bitext *b, const char *origin)
{
    if (g->built)
        return SV_ERR_ARG;
    int en_src = b->src.lang != SV_LANG_RU;
    const sv_side *en = en_src ? &b->src : &b->tgt, *ru = en_src ? &b->tgt : &b->src;
    if (en->lang == ru->lang)
        return SV_ERR_ARG;
    size_t tl;
    const char *t = sv_doc_text(ru->doc, &tl);
    sv_names_learn(g->nm, t, tl);
    sv_buf e = SV_BUF_INIT, r = SV_BUF_INIT;
    sv_status st = SV_OK;
    for (size_t i = 0; i < b->nlinks && st == SV_OK; i++) {
        const sv_link *l = &b->links[i];
        if (l->nsrc == 0 || l->ntgt == 0 || l->score < g->o.min_link_score)
            continue;
        sv_buf_reset(&e);
        sv_buf_reset(&r);
        sv_bitext_side_text(en, en_src ? l->src : l->tgt, en_src ? l->nsrc : l->ntgt, &e);
        sv_bitext_side_text(ru, en_src ? l->tgt : l->src, en_src ? l->ntgt : l->nsrc, &r);
        st = sv_glossary_add_pair(g, sv_buf_cstr(&e), e.len, sv_buf_cstr(&r), r.len, origin);
    }
    sv_buf_free(&e);
    sv_buf_free(&r);
    return st;
}

/* ---- building ------------------------------------------------------------------ */

static int is_all_caps(const char *s, size_t len)
{
    size_t letters = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        long c = sv_utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (c < 0 || !is_letter_cp(c))
            continue;
        if (!is_upper_cp(c))
            return 0;
        letters++;
    }
    return letters > 4;
}

/* The display form: English, the most frequent form not at a sentence
 * start; Russian, the nominative most forms give (one seen as such counts
 * double).  Shouting capitals (МИНСК) only when nothing else was seen. */
static void choose_form(sv_glossary *g, term *t)
{
    int any_mixed = 0;
    for (size_t k = 0; k < t->nvars; k++)
        if (!is_all_caps(g->pool.ptr + t->vars[k].off, t->vars[k].len))
            any_mixed = 1;
    if (t->lang == SV_LANG_RU) {
        for (size_t k = 0; k < t->nvars; k++) {
            variant *v = &t->vars[k];
            sv_buf nb = SV_BUF_INIT;
            nominative(g, g->pool.ptr + v->off, v->len, &nb);
            v->nom_off = g->pool.len;
            v->nom_len = nb.len;
            sv_buf_append(&g->pool, sv_buf_cstr(&nb), nb.len);
            sv_buf_putc(&g->pool, 0);
            sv_buf_free(&nb);
        }
    }
    double best = -1;
    size_t bi = 0;
    for (size_t k = 0; k < t->nvars; k++) {
        const variant *v = &t->vars[k];
        const char *f = g->pool.ptr + (t->lang == SV_LANG_RU ? v->nom_off : v->off);
        size_t fl = t->lang == SV_LANG_RU ? v->nom_len : v->len;
        if (any_mixed && is_all_caps(f, fl))
            continue;
        double sc = 0;
        for (size_t j = 0; j < t->nvars; j++) {
            const variant *w = &t->vars[j];
            const char *wf = g->pool.ptr + (t->lang == SV_LANG_RU ? w->nom_off : w->off);
            size_t wl = t->lang == SV_LANG_RU ? w->nom_len : w->len;
            if (wl != fl || memcmp(wf, f, fl) != 0)
                continue;
            if (t->lang == SV_LANG_RU) {
                sc += (double)w->count;
                if (w->len == fl && memcmp(g->pool.ptr + w->off, f, fl) == 0)
                    sc += (double)w->count;
            } else {
                sc += (double)w->noninitial + 0.5 * (double)(w->count - w->noninitial);
            }
        }
        if (sc > best) {
            best = sc;
            bi = k;
        }
    }
    const variant *v = &t->vars[bi];
    t->form_off = t->lang == SV_LANG_RU ? v->nom_off : v->off;
    t->form_len = t->lang == SV_LANG_RU ? v->nom_len : v->len;
}

/* Lemma ids of the words of a term's form, for the dictionary. */
static void term_words(sv_glossary *g, term *t)
{
    if (t->words_done)
        return;
    t->words_done = 1;
    t->nw = 0;
    if (!g->lx)
        return;
    const char *f = g->pool.ptr + t->form_off;
    size_t n = t->form_len;
    uint32_t *ids = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < n && t->nw < MAX_TERM_WORDS;) {
        while (i < n && f[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && f[j] != ' ')
            j++;
        if (j == i)
            break;
        size_t nid = 0;
        sv_lexctx_lemmas(g->lx, t->lang, f + i, j - i, &ids, &nid, &cap);
        t->nwid[t->nw] = nid > 2 ? 2 : (unsigned)nid;
        for (size_t k = 0; k < t->nwid[t->nw]; k++)
            t->wid[t->nw][k] = ids[k];
        t->nw++;
        i = j;
    }
    free(ids);
}

static size_t split_words(const char *k, const char **w, size_t *l, size_t max)
{
    size_t n = 0;
    for (const char *p = k; *p && n < max;) {
        const char *q = strchr(p, ' ');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len) {
            w[n] = p;
            l[n++] = len;
        }
        if (!q)
            break;
        p = q + 1;
    }
    return n;
}

/* Is a Russian nominative a lone adjective (Воронежская, Минский)? */
static int form_is_adjective(const char *f, size_t n)
{
    if (memchr(f, ' ', n))
        return 0;
    static const char *const e[] = {"ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые"};
    for (size_t i = 0; i < sizeof e / sizeof *e; i++) {
        size_t k = strlen(e[i]);
        if (n > k + 4 && memcmp(f + n - k, e[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Is English key e an adjective made from the name r is a form of
 * (russian / russia, korean / kore, belarusian / belarus)? */
static int en_adjective_of(const char *e, const char *r)
{
    char ce[2 * KEYSZ], cr[2 * KEYSZ];
    size_t ne = sv_name_canon(e, ce, sizeof ce), nr = sv_name_canon(r, cr, sizeof cr);
    if (ne <= nr || memchr(ce, ' ', ne) || memcmp(ce, cr, nr < 3 ? nr : 3) != 0)
        return 0;
    static const char *const suf[] = {"n", "ese", "iS", "ic"};
    for (size_t i = 0; i < sizeof suf / sizeof *suf; i++) {
        size_t k = strlen(suf[i]);
        if (ne > k && !memcmp(ce + ne - k, suf[i], k))
            return 1;
    }
    return 0;
}

/* Does a one-word English key look like an adjective of a place or a
 * people (Russian, Chinese, Polish, Israeli)? */
static int en_adjective(const char *e)
{
    size_t n = strlen(e);
    if (memchr(e, ' ', n) || n < 5)
        return 0;
    static const char *const suf[] = {"an", "ese", "ish", "ic"};
    for (size_t i = 0; i < sizeof suf / sizeof *suf; i++) {
        size_t k = strlen(suf[i]);
        if (!memcmp(e + n - k, suf[i], k))
            return 1;
    }
    return 0;
}

/* A noun for an adjective: Russian / Россия, Voronezh / Воронежская,
 * Judiciary Committee / Юридический.  Such pairs count half. */
static int pos_mismatch(const sv_glossary *g, const term *e, const term *r)
{
    int ru_adj = form_is_adjective(g->pool.ptr + r->form_off, r->form_len);
    if (ru_adj)
        return !en_adjective(e->key);
    if (en_adjective_of(e->key, r->key))
        return 1;
    /* German / Германия: the country's name begins with the adjective */
    char ce[2 * KEYSZ], cr[2 * KEYSZ];
    size_t ne = sv_name_canon(e->key, ce, sizeof ce), nr = sv_name_canon(r->key, cr, sizeof cr);
    return en_adjective(e->key) && nr > ne && !memcmp(ce, cr, ne);
}

static int is_glue(const char *w, size_t n)
{
    static const char *const glue[] = {"of", "the", "and", "for", "de", "del", "la", "le",
                                       "du", "von", "van", "i", "v", "na"};
    for (size_t i = 0; i < sizeof glue / sizeof *glue; i++)
        if (strlen(glue[i]) == n && !memcmp(glue[i], w, n))
            return 1;
    return 0;
}

/* Similarity of an English and a Russian term: transliteration word by
 * word (each word's best partner, both ways, averaged; small words such as
 * "of" skipped), and for names of several words the dictionary too.
 * *complete: every word has a partner (>= 0.75); incomplete pairs count
 * 0.7 of their mean. */
static double pair_similarity(sv_glossary *g, term *e, term *r, int *complete)
{
    const char *we[MAX_TERM_WORDS], *wr[MAX_TERM_WORDS];
    size_t le[MAX_TERM_WORDS], lr[MAX_TERM_WORDS];
    /* hyphens separate words too: Baton Rouge / Батон-Руж */
    char ke_[KEYSZ], kr_[KEYSZ];
    snprintf(ke_, sizeof ke_, "%s", e->key);
    snprintf(kr_, sizeof kr_, "%s", r->key);
    int hyph = 0;
    for (char *p = ke_; *p; p++)
        if (*p == '-')
            *p = ' ', hyph = 1;
    for (char *p = kr_; *p; p++)
        if (*p == '-')
            *p = ' ', hyph = 1;
    size_t ne = split_words(ke_, we, le, MAX_TERM_WORDS);
    size_t nr = split_words(kr_, wr, lr, MAX_TERM_WORDS);
    *complete = 0;
    if (!ne || !nr)
        return 0;
    if (ne == 1 && nr == 1) {
        double s = sv_name_similarity(e->key, r->key);
        *complete = s >= 0.75;
        return s;
    }
    int dict = 0;
    if (g->lx) {
        term_words(g, e);
        term_words(g, r);
        dict = !hyph && e->nw == ne && r->nw == nr;
    }
    double m[MAX_TERM_WORDS][MAX_TERM_WORDS];
    int ge[MAX_TERM_WORDS], gr[MAX_TERM_WORDS];
    size_t ke = 0, kr = 0;
    for (size_t i = 0; i < ne; i++)
        ke += !(ge[i] = ne > 1 && is_glue(we[i], le[i]));
    for (size_t j = 0; j < nr; j++)
        kr += !(gr[j] = nr > 1 && is_glue(wr[j], lr[j]));
    if (!ke || !kr)
        return 0;
    char a[KEYSZ], b[KEYSZ];
    for (size_t i = 0; i < ne; i++)
        for (size_t j = 0; j < nr; j++) {
            if (ge[i] || gr[j]) {
                m[i][j] = 0;
                continue;
            }
            snprintf(a, sizeof a, "%.*s", (int)le[i], we[i]);
            snprintf(b, sizeof b, "%.*s", (int)lr[j], wr[j]);
            /* Нью-Йорк, Нью-Джерси, Нью-Дели: "new" is written as it sounds */
            double s = !strcmp(a, "new") && !strcmp(b, "nyu") ? 1 : sv_name_similarity(a, b);
            if (dict && s < 0.85) {
                for (unsigned x = 0; x < e->nwid[i]; x++)
                    for (unsigned y = 0; y < r->nwid[j]; y++)
                        if (sv_lexctx_translates(g->lx, e->wid[i][x], r->wid[j][y]))
                            s = 0.85;
            }
            m[i][j] = s;
        }
    double sum = 0;
    int all = 1;
    for (size_t i = 0; i < ne; i++) {
        if (ge[i])
            continue;
        double best = 0;
        for (size_t j = 0; j < nr; j++)
            best = m[i][j] > best ? m[i][j] : best;
        sum += best;
        all &= best >= 0.75;
    }
    for (size_t j = 0; j < nr; j++) {
        if (gr[j])
            continue;
        double best = 0;
        for (size_t i = 0; i < ne; i++)
            best = m[i][j] > best ? m[i][j] : best;
        sum += best;
        all &= best >= 0.75;
    }
    double s = sum / (double)(ke + kr);
    *complete = all;
    return all ? s : 0.7 * s;
}

/* Co-occurrence evidence: Dice, trusted more with more pairs. */
static double cooc_evidence(const pstat *p, const term *e, const term *r)
{
    double c = p->cooc;
    double dice = 2 * c / (double)(e->npairs + r->npairs);
    return dice * (c - 1) / (c + 2);
}

/* Can a term be linked at all?  Single words seen only at sentence starts
 * are too often ordinary words (Agriculture, Кажется). */
static int linkable(const term *t)
{
    return !(t->flags & C_INITIAL) || (t->flags & (C_ACRO | C_QUOTED)) || t->nwords > 1;
}

typedef struct {
    double pri;
    uint32_t i, j; /* occurrence indices (absolute) */
    uint32_t ps;
} link_cand;

static int cmp_link(const void *a, const void *b)
{
    const link_cand *x = a, *y = b;
    if (x->pri != y->pri)
        return x->pri > y->pri ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

static int overlaps(const occ *a, const occ *b)
{
    return a->start < b->end && b->start < a->end;
}

static uint32_t ps_find(const sv_glossary *g, uint32_t e, uint32_t r)
{
    uint64_t *v = sv_keymap_find(g->ps_map, (uint64_t)e + 1, (uint64_t)r + 1);
    return v ? (uint32_t)*v : UINT32_MAX;
}

/* Distinct term ids of occurrences [o, o+n). */
static size_t distinct_terms(const occ *o, size_t n, uint32_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && out[j] != o[i].term)
            j++;
        if (j == k)
            out[k++] = o[i].term;
    }
    return k;
}

static void count_pairs(sv_glossary *g)
{
    uint32_t de[2 * MAX_CANDS + 2], dr[2 * MAX_CANDS + 2];
    for (size_t p = 0; p < g->npairs; p++) {
        const gpair *gp = &g->pairs[p];
        if (!gp->nen || !gp->nru)
            continue;
        size_t ne = distinct_terms(g->occs + gp->occ0, gp->nen, de);
        size_t nr = distinct_terms(g->occs + gp->occ0 + gp->nen, gp->nru, dr);
        for (size_t i = 0; i < ne; i++)
            g->terms[de[i]].npairs++;
        for (size_t j = 0; j < nr; j++)
            g->terms[dr[j]].npairs++;
        for (size_t i = 0; i < ne; i++)
            for (size_t j = 0; j < nr; j++) {
                int created;
                uint64_t *slot = sv_keymap_slot(g->ps_map, (uint64_t)de[i] + 1,
                                                (uint64_t)dr[j] + 1, g->nps, &created);
                if (created) {
                    pstat s;
                    memset(&s, 0, sizeof s);
                    s.e = de[i];
                    s.r = dr[j];
                    SV_PUSH(g->ps, g->nps, g->capps, s);
                }
                g->ps[*slot].cooc++;
            }
    }
}

static void link_pairs(sv_glossary *g)
{
    link_cand *lc = NULL;
    size_t nlc = 0, caplc = 0;
    for (size_t p = 0; p < g->npairs; p++) {
        const gpair *gp = &g->pairs[p];
        nlc = 0;
        for (uint32_t i = 0; i < gp->nen; i++) {
            const occ *oe = &g->occs[gp->occ0 + i];
            for (uint32_t j = 0; j < gp->nru; j++) {
                const occ *orr = &g->occs[gp->occ0 + gp->nen + j];
                uint32_t k = ps_find(g, oe->term, orr->term);
                if (k == UINT32_MAX || g->ps[k].score < LINK_MIN)
                    continue;
                const pstat *s = &g->ps[k];
                double pri = s->score;
                if (s->complete)
                    pri += 0.05 * (double)(g->terms[s->e].nwords + g->terms[s->r].nwords - 2);
                link_cand c = {pri, (uint32_t)(gp->occ0 + i), (uint32_t)(gp->occ0 + gp->nen + j), k};
                SV_PUSH(lc, nlc, caplc, c);
            }
        }
        if (!nlc)
            continue;
        qsort(lc, nlc, sizeof *lc, cmp_link);
        uint32_t taken_e[2 * MAX_CANDS + 2], taken_r[2 * MAX_CANDS + 2];
        size_t nte = 0, ntr = 0;
        for (size_t c = 0; c < nlc; c++) {
            const occ *oe = &g->occs[lc[c].i], *orr = &g->occs[lc[c].j];
            int clash = 0;
            for (size_t k = 0; k < nte && !clash; k++)
                clash = overlaps(&g->occs[taken_e[k]], oe);
            for (size_t k = 0; k < ntr && !clash; k++)
                clash = overlaps(&g->occs[taken_r[k]], orr);
            if (clash)
                continue;
            taken_e[nte++] = lc[c].i;
            taken_r[ntr++] = lc[c].j;
            pstat *s = &g->ps[lc[c].ps];
            g->links++;
            if (s->last_pair == p + 1)
                continue; /* the same two names twice in one pair count once */
            s->last_pair = p + 1;
            s->links++;
            size_t len = gp->en_len + gp->ru_len;
            if (!s->ex_pair || len < s->ex_len) {
                s->ex_pair = p + 1;
                s->ex_len = len;
            }
            if (nte >= 2 * MAX_CANDS)
                break;
        }
    }
    free(lc);
}

/* The last word of a canonical key. */
static const char *last_word(const char *c)
{
    const char *sp = strrchr(c, ' ');
    return sp ? sp + 1 : c;
}

/* What the corpus says about single names: X is a surname where "Firstname
 * X" was seen (Aleksandr Lukashenko -> Lukashenko), a place where "X Oblast"
 * or "X region" was (Voronezh Oblast -> Voronezh). */
static void corpus_sets(sv_glossary *g)
{
    static const char *const place_heads[] = {"oblast", "region", "province", "krai",
                                              "district", "county", "territory"};
    char c[2 * KEYSZ], first[2 * KEYSZ];
    for (size_t i = 0; i < g->nterms; i++) {
        const term *t = &g->terms[i];
        if (t->lang != SV_LANG_EN || t->nwords < 2 || t->nwords > 3 || (t->flags & C_QUOTED))
            continue;
        sv_name_canon(t->key, c, sizeof c);
        const char *sp = strchr(c, ' ');
        if (!sp)
            continue;
        snprintf(first, sizeof first, "%.*s", (int)(sp - c), c);
        const char *last = last_word(c);
        if (t->nwords == 2) {
            for (size_t k = 0; k < sizeof place_heads / sizeof *place_heads; k++)
                if (!strcmp(last, place_heads[k]))
                    sv_strset_add(g->seen_places, first);
        }
        if (sv_strset_has(g->name_set, first) && !word_class(last))
            sv_strset_add(g->seen_surnames, last);
    }
}

/* Kind of an entry from the cues of its two terms and the built-in lists. */
static sv_term_kind classify(sv_glossary *g, const term *e, const term *r)
{
    /* the mean cue per occurrence on each side, plus a tenth of the total
     * (at most 1): consistent cues count, repeated ones a little more */
    double cue[NCUES];
    for (int k = 0; k < NCUES; k++) {
        double mean = e->cue[k] / (double)(e->occs ? e->occs : 1) +
                      r->cue[k] / (double)(r->occs ? r->occs : 1);
        double total = 0.1 * (e->cue[k] + r->cue[k]);
        cue[k] = mean + (total > 1 ? 1 : total);
    }
    /* Russian puts the names of enterprises, clubs, papers in quotes
     * («Гомсельмаш»); МАЗ, МТЗ, БелАЗ end in З for завод */
    if (r->flags & C_QUOTED)
        cue[CUE_ENT] += 1.5;
    else if (e->flags & C_QUOTED)
        cue[CUE_ENT] += 0.5;
    if (r->flags & C_PLANT)
        cue[CUE_ENT] += 2;
    else if (e->flags & C_PLANT)
        cue[CUE_ENT] += 1;
    char c[2 * KEYSZ];
    sv_name_canon(e->key, c, sizeof c);
    if (sv_strset_has(g->place_set, c) || sv_strset_has(g->seen_places, c))
        cue[CUE_PLACE] += 4;
    if (sv_strset_has(g->seen_surnames, c))
        cue[CUE_PERSON] += 3;
    /* a first name before a surname, on either side */
    const char *w[MAX_TERM_WORDS];
    size_t l[MAX_TERM_WORDS];
    const term *sides[2] = {e, r};
    for (int s = 0; s < 2; s++) {
        size_t n = split_words(sides[s]->key, w, l, MAX_TERM_WORDS);
        if (n == 0)
            continue;
        char first[KEYSZ];
        snprintf(first, sizeof first, "%.*s", (int)l[0], w[0]);
        sv_name_canon(first, c, sizeof c);
        if (sv_strset_has(g->name_set, c)) {
            cue[CUE_PERSON] += n > 1 ? 3 : 1;
            break;
        }
    }
    int best = CUE_ENT;
    for (int k = 1; k < NCUES; k++)
        if (cue[k] > cue[best])
            best = k;
    if (cue[best] < 1.0)
        return SV_TERM_OTHER;
    return best == CUE_ENT ? SV_TERM_ENTERPRISE : best == CUE_PLACE ? SV_TERM_PLACE : SV_TERM_PERSON;
}

/* ---- word knowledge for the forms shown ---------------------------------------- */

static void lower_utf8(const char *s, size_t len, sv_buf *out)
{
    sv_buf_reset(out);
    for (size_t i = 0; i < len;) {
        size_t adv;
        long c = sv_utf8_decode(s + i, len - i, &adv);
        if (c < 0)
            sv_buf_append(out, s + i, adv);
        else
            sv_buf_put_cp(out, (unsigned)lower_cp(c));
        i += adv;
    }
}

/* hunspell (opened at the first question; NULL when unavailable). */
static sv_morph *morph(sv_glossary *g)
{
    if (!g->morph && !g->morph_tried) {
        g->morph_tried = 1;
        if (sv_morph_new(g->o.dict_dir, &g->morph, NULL) != SV_OK)
            g->morph = NULL;
    }
    return g->morph;
}

/* Is the word, written in lower case, an ordinary dictionary word
 * (senate, сенат; not Минск, whose entry is capitalised)? */
static int common_word(sv_glossary *g, sv_lang lang, const char *w, size_t n)
{
    sv_morph *m = morph(g);
    if (!m || memchr(w, ' ', n))
        return 0;
    sv_buf low = SV_BUF_INIT, st = SV_BUF_INIT;
    lower_utf8(w, n, &low);
    size_t k = sv_morph_stems(m, lang, low.ptr, low.len, &st);
    sv_buf_free(&low);
    sv_buf_free(&st);
    return k > 0;
}

/* Does hunspell know the word in any case? */
static int known_word(sv_glossary *g, const char *w, size_t n)
{
    sv_morph *m = morph(g);
    if (!m)
        return 1;
    sv_buf st = SV_BUF_INIT;
    size_t k = sv_morph_stems(m, SV_LANG_RU, w, n, &st);
    sv_buf_free(&st);
    return k > 0;
}

static int ends_with_vowel(const char *w, size_t n, const char *vowels)
{
    if (!n)
        return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)w[i] & 0xC0) == 0x80)
        i--;
    size_t adv;
    long c = sv_utf8_decode(w + i, n - i, &adv);
    for (size_t k = 0; vowels[k];) {
        long v = sv_utf8_decode(vowels + k, strlen(vowels + k), &adv);
        if (lower_cp(c) == v)
            return 1;
        k += adv;
    }
    return 0;
}

static double translit_sim(sv_glossary *g, const char *en_key, const char *w, size_t n)
{
    char t[2 * KEYSZ];
    size_t k = sv_names_translit(g->nm, w, n, t, sizeof t);
    if (k >= sizeof t)
        return 0;
    return sv_name_similarity(en_key, t);
}

/* Does hunspell give the word (as written, or in lower case) itself as one
 * of its dictionary forms? */
static int has_lemma(sv_glossary *g, const char *w, size_t n, const char *lemma, size_t nl);

static int is_own_lemma(sv_glossary *g, const char *w, size_t n, int lower)
{
    if (!lower)
        return has_lemma(g, w, n, w, n);
    sv_buf low = SV_BUF_INIT;
    lower_utf8(w, n, &low);
    int hit = has_lemma(g, low.ptr, low.len, w, n);
    sv_buf_free(&low);
    return hit;
}

/* Is lemma (nl bytes) one of hunspell's dictionary forms of w? */
static int has_lemma(sv_glossary *g, const char *w, size_t n, const char *lemma, size_t nl)
{
    sv_morph *m = morph(g);
    if (!m)
        return 0;
    sv_buf st = SV_BUF_INIT, f = SV_BUF_INIT;
    sv_morph_fold(lemma, nl, &f);
    size_t k = sv_morph_stems(m, SV_LANG_RU, w, n, &st);
    int hit = 0;
    for (size_t i = 0, o = 0; i < k && !hit; i++, o += strlen(st.ptr + o) + 1)
        hit = !strcmp(st.ptr + o, sv_buf_cstr(&f));
    sv_buf_free(&st);
    sv_buf_free(&f);
    return hit;
}

/* Is the word a proper name in hunspell's dictionary, in the nominative
 * (Рим, Москва, Германия: a capitalised entry, which the lower-case word
 * does not reach; германия alone is a form of германий)? */
static int known_proper(sv_glossary *g, const char *w, size_t n)
{
    return is_own_lemma(g, w, n, 0) && !is_own_lemma(g, w, n, 1);
}

enum { FORM_NOM, FORM_WRITTEN, FORM_STEM };

/* Which form of a word of the Russian name to show: the nominative our
 * rules made, the word as written, or the word as written without its
 * final -а/-я.  single: the name is this one word.  Names from other languages do not decline, and the English
 * spelling shows which reading is right: Челси (Chelsea), Данди (Dundee),
 * Палу (Palu), Пэлтроу (Paltrow), Ванн (Vann), not Челсь, Дандь, Пал,
 * Пэлтроа, Ванна; Райдер (Ryder) from Кубок Райдера.  A nominative
 * hunspell knows as a proper name (Рим for Риме) always stays.  uniform:
 * the word was seen at least three times, always written the same way. */
static int choose_word_form(sv_glossary *g, const char *en, size_t en_len, const char *sw,
                            size_t sn, const char *nw, size_t nn, int uniform, int single)
{
    /* a verb is never the nominative of a name (Девала -> девать); нить,
     * сеть and мать are rare in names, область and часть keep a consonant */
    if (nn > 6 && !memcmp(nw + nn - 4, "ть", 4) && ends_with_vowel(nw, nn - 4, "аяеиоуы") &&
        (sn != nn || memcmp(sw, nw, sn))) {
        int f = choose_word_form(g, en, en_len, sw, sn, sw, sn, uniform, single);
        return f == FORM_NOM ? FORM_WRITTEN : f;
    }
    if (form_is_adjective(nw, nn) || known_proper(g, nw, nn))
        return FORM_NOM;
    /* the form seen most is a nominative the dictionary knows: Корея (not
     * Корей, the genitive plural learnt from "двух Корей") */
    if ((sn != nn || memcmp(sw, nw, sn)) && known_proper(g, sw, sn))
        return FORM_WRITTEN;
    /* in a phrase, the translation of an ordinary English word, when the
     * dictionary agrees with our nominative, stays (London Gazette: газете
     * -> газета; but Gary Holt: Гари, not the common noun гарь) */
    if (!single && common_word(g, SV_LANG_EN, en, en_len) && has_lemma(g, sw, sn, nw, nn))
        return FORM_NOM;
    char ek[KEYSZ];
    sv_names_key(g->nm, en, en_len, ek, sizeof ek);
    double s_nom = translit_sim(g, ek, nw, nn);
    if (sn == nn && !memcmp(sw, nw, sn)) {
        /* left as written: an unknown name in -а could be a genitive */
        if (sn > 6 && ends_with_vowel(sw, sn, "ая") && !known_word(g, sw, sn)) {
            size_t k = sn - 2; /* both are two bytes in UTF-8 */
            double s_stem = translit_sim(g, ek, sw, k);
            /* Райдера (Ryder), Крейгланга (Craiglang): an English name that
             * ends in a consonant has no -а in Russian either */
            int cons = en_len && !strchr("aeiouy", en[en_len - 1] | 0x20);
            if (s_stem > s_nom + 0.01 || (cons && s_stem >= s_nom && s_stem > 0))
                return FORM_STEM;
        }
        return FORM_NOM;
    }
    /* -оу, -эу, -ау: never a Russian ending */
    if (sn > 4 && ends_with_vowel(sw, sn - 2, "аоэе") && ends_with_vowel(sw, sn, "у"))
        return FORM_WRITTEN;
    double s_sur = translit_sim(g, ek, sw, sn);
    /* read as a genitive plural: Ванн -> Ванна, Эр (Ayr, always so) -> Эра */
    if (nn > sn && (s_sur > s_nom + 0.01 || (uniform && s_sur >= s_nom)))
        return FORM_WRITTEN;
    if (!ends_with_vowel(sw, sn, "иеуюоэ"))
        return FORM_NOM;
    if (s_sur > s_nom + 0.01)
        return FORM_WRITTEN;
    if (uniform && s_sur >= s_nom)
        return FORM_WRITTEN;
    if (en_len && strchr("aeiouy", en[en_len - 1] | 0x20) &&
        !ends_with_vowel(nw, nn, "аяоеиыуюэ"))
        return FORM_WRITTEN;
    return FORM_NOM;
}

/* Words of a form, split at spaces. */
static size_t split_form(const char *s, const char **w, size_t *l, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; s[i] && n < max;) {
        while (s[i] == ' ')
            i++;
        size_t j = i;
        while (s[j] && s[j] != ' ')
            j++;
        if (j > i) {
            w[n] = s + i;
            l[n++] = j - i;
        }
        i = j;
    }
    return n;
}

/* The Russian form shown for an entry: the term's nominative, each word
 * corrected by choose_word_form against the English form. */
static void ru_form(sv_glossary *g, const term *e, const term *r, sv_buf *out)
{
    const char *nom = g->pool.ptr + r->form_off;
    const variant *v = NULL;
    int uniform = 1;
    size_t total = 0;
    for (size_t k = 0; k < r->nvars; k++) {
        total += r->vars[k].count;
        if (!v || r->vars[k].count > v->count)
            v = &r->vars[k];
    }
    for (size_t k = 0; k < r->nvars; k++)
        if (r->vars[k].len != v->len || memcmp(g->pool.ptr + r->vars[k].off, g->pool.ptr + v->off, v->len))
            uniform = 0;
    uniform = uniform && total >= 3;
    const char *sw[MAX_TERM_WORDS], *nw[MAX_TERM_WORDS], *ew[MAX_TERM_WORDS];
    size_t sl[MAX_TERM_WORDS], nl[MAX_TERM_WORDS], el[MAX_TERM_WORDS];
    size_t ns = v ? split_form(g->pool.ptr + v->off, sw, sl, MAX_TERM_WORDS) : 0;
    size_t nn = split_form(nom, nw, nl, MAX_TERM_WORDS);
    size_t ne = split_form(g->pool.ptr + e->form_off, ew, el, MAX_TERM_WORDS);
    if (ns != nn || !nn || nn == MAX_TERM_WORDS) {
        sv_buf_append(out, nom, r->form_len);
        return;
    }
    for (size_t i = 0; i < nn; i++) {
        if (i)
            sv_buf_putc(out, ' ');
        size_t ei = ne == nn ? i : nn == 1 ? ne - 1 : SIZE_MAX;
        int f = ei == SIZE_MAX ? FORM_NOM
                               : choose_word_form(g, ew[ei], el[ei], sw[i], sl[i], nw[i], nl[i],
                                                  uniform, nn == 1);
        if (f == FORM_WRITTEN)
            sv_buf_append(out, sw[i], sl[i]);
        else if (f == FORM_STEM)
            sv_buf_append(out, sw[i], sl[i] - 2);
        else
            sv_buf_append(out, nw[i], nl[i]);
    }
}

typedef struct {
    uint32_t ps;
    sv_term_kind kind;
    size_t links;
    double conf;
    const char *en, *ru; /* display forms, in the pool */
    size_t en_off, ru_off, ru_len;
} pick;

static int cmp_pick(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->links != y->links)
        return x->links > y->links ? -1 : 1;
    if (x->conf != y->conf)
        return x->conf > y->conf ? -1 : 1;
    int c = strcmp(x->en, y->en);
    if (!c)
        c = strcmp(x->ru, y->ru);
    if (!c)
        c = x->ps < y->ps ? -1 : x->ps > y->ps;
    return c;
}

static int cmp_var(const void *a, const void *b)
{
    const sv_gloss_variant *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* Different terms can share both display forms (US and U.S., МИНСК and
 * Минске): the first entry of each (English, Russian) pair in sorted order
 * stays and takes the others' counts. */
static size_t merge_duplicates(pick *pk, size_t n)
{
    sv_keymap *seen = sv_keymap_new();
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t le = strlen(pk[i].en);
        uint64_t a = sv_hash64(pk[i].en, le, 0);
        a = sv_hash64("\t", 1, a);
        a = sv_hash64(pk[i].ru, strlen(pk[i].ru), a);
        uint64_t b = sv_hash64(pk[i].ru, strlen(pk[i].ru), 7) ^ le;
        int created;
        uint64_t *slot = sv_keymap_slot(seen, a | 1, b, o, &created);
        if (created)
            pk[o++] = pk[i];
        else
            pk[*slot].links += pk[i].links;
    }
    sv_keymap_free(seen);
    return o;
}

sv_status sv_glossary_build(sv_glossary *g, sv_diags *diags)
{
    if (g->built)
        return SV_ERR_ARG;
    g->built = 1;
    count_pairs(g);
    /* forms, then the score of every co-occurring pair */
    for (size_t i = 0; i < g->nterms; i++)
        if (g->terms[i].nvars)
            choose_form(g, &g->terms[i]);
    for (size_t k = 0; k < g->nps; k++) {
        pstat *s = &g->ps[k];
        term *e = &g->terms[s->e], *r = &g->terms[s->r];
        if (!e->nvars || !r->nvars || !(linkable(e) || linkable(r))) {
            s->score = 0;
            continue;
        }
        s->sim = pair_similarity(g, e, r, &s->complete);
        double a = cooc_evidence(s, e, r);
        s->score = 1 - (1 - s->sim) * (1 - a);
        if (s->sim < 1 && pos_mismatch(g, e, r))
            s->score *= 0.5;
    }
    link_pairs(g);
    corpus_sets(g);
    /* entries */
    pick *pk = NULL;
    size_t npk = 0, cappk = 0;
    sv_buf rf = SV_BUF_INIT;
    for (size_t k = 0; k < g->nps; k++) {
        const pstat *s = &g->ps[k];
        if (!s->links || s->links < g->o.min_count)
            continue;
        const term *e = &g->terms[s->e], *r = &g->terms[s->r];
        double conf = s->score * sqrt((double)s->links / (double)s->cooc);
        /* two ordinary words (Senate / Сенат, University / Университет):
         * a translation, perhaps part of a name, not a name */
        if (e->nwords == 1 && r->nwords == 1 && en_adjective(e->key) &&
            form_is_adjective(g->pool.ptr + r->form_off, r->form_len)) {
            conf *= 0.4; /* European / Европейский: adjectives, not names */
        } else if (e->nwords == 1 && r->nwords == 1 && !(e->flags & C_ACRO) &&
            common_word(g, SV_LANG_EN, g->pool.ptr + e->form_off, e->form_len) &&
            common_word(g, SV_LANG_RU, g->pool.ptr + r->form_off, r->form_len)) {
            sv_buf low = SV_BUF_INIT;
            lower_utf8(g->pool.ptr + e->form_off, e->form_len, &low);
            unsigned cls = word_class(sv_buf_cstr(&low));
            sv_buf_free(&low);
            /* Senator, Governor: a title; European, Japanese: an adjective;
             * Institute, Party seen once or twice: part of a longer name */
            conf *= cls == W_TITLE ? 0.3 : 0.7;
            /* only ever part of a longer name, or a generic head seen once or
             * twice: Institute, Party */
            if ((!e->standalone && !r->standalone) ||
                ((cls == W_ORG || cls == W_ENTERPRISE || cls == W_PLACE) && s->links <= 2))
                conf *= 0.6;
        } else if (e->nwords == 1 && !e->standalone && !r->standalone &&
                   e->form_len == r->form_len &&
                   !memcmp(g->pool.ptr + e->form_off, g->pool.ptr + r->form_off, e->form_len) &&
                   common_word(g, SV_LANG_EN, g->pool.ptr + e->form_off, e->form_len)) {
            /* an English word left in the Russian text, only ever inside a
             * longer name: Advanced, of Defense Advanced Research Projects
             * Agency quoted in English in both */
            conf *= 0.45;
        }
        if (conf < g->o.min_score)
            continue;
        sv_term_kind kind = classify(g, e, r);
        if (!(g->o.kinds & (1u << kind)))
            continue;
        pick p = {(uint32_t)k, kind, s->links, conf, NULL, NULL, e->form_off, 0, 0};
        sv_buf_reset(&rf);
        ru_form(g, e, r, &rf);
        p.ru_off = g->pool.len;
        p.ru_len = rf.len;
        sv_buf_append(&g->pool, sv_buf_cstr(&rf), rf.len);
        sv_buf_putc(&g->pool, 0);
        SV_PUSH(pk, npk, cappk, p);
    }
    sv_buf_free(&rf);
    /* the pool no longer grows: pointers into it are stable */
    for (size_t i = 0; i < npk; i++) {
        pk[i].en = g->pool.ptr + pk[i].en_off;
        pk[i].ru = g->pool.ptr + pk[i].ru_off;
    }
    if (npk)
        qsort(pk, npk, sizeof *pk, cmp_pick);
    npk = merge_duplicates(pk, npk);
    /* strings: one block, offsets first, pointers after */
    sv_buf sb = SV_BUF_INIT;
    size_t nvar = 0;
    for (size_t i = 0; i < npk; i++)
        nvar += g->terms[g->ps[pk[i].ps].e].nvars + g->terms[g->ps[pk[i].ps].r].nvars;
    g->entries = npk ? xcalloc(npk, sizeof *g->entries) : NULL;
    g->vstore = nvar ? xcalloc(nvar, sizeof *g->vstore) : NULL;
    size_t *voff = nvar ? xcalloc(nvar, sizeof *voff) : NULL;
    size_t (*eoff)[5] = npk ? xcalloc(npk, sizeof *eoff) : NULL;
    size_t vi = 0;
    for (size_t i = 0; i < npk; i++) {
        const pstat *s = &g->ps[pk[i].ps];
        const term *e = &g->terms[s->e], *r = &g->terms[s->r];
        sv_gloss_entry *x = &g->entries[i];
        x->kind = pk[i].kind;
        x->count = pk[i].links;
        x->score = pk[i].conf;
        x->similarity = s->sim;
        x->dice = 2.0 * s->cooc / (double)(e->npairs + r->npairs);
        const gpair *gp = &g->pairs[s->ex_pair - 1];
        eoff[i][0] = sb.len;
        sv_buf_append(&sb, g->pool.ptr + e->form_off, e->form_len);
        sv_buf_putc(&sb, 0);
        eoff[i][1] = sb.len;
        sv_buf_append(&sb, pk[i].ru, pk[i].ru_len);
        sv_buf_putc(&sb, 0);
        eoff[i][2] = sb.len;
        sv_buf_append(&sb, g->pool.ptr + gp->en_off, gp->en_len);
        sv_buf_putc(&sb, 0);
        eoff[i][3] = sb.len;
        sv_buf_append(&sb, g->pool.ptr + gp->ru_off, gp->ru_len);
        sv_buf_putc(&sb, 0);
        eoff[i][4] = gp->origin ? gp->origin : SIZE_MAX;
        const term *ts[2] = {e, r};
        for (int side = 0; side < 2; side++) {
            const term *t = ts[side];
            if (side == 0)
                x->n_en_variants = t->nvars;
            else
                x->n_ru_variants = t->nvars;
            for (size_t k = 0; k < t->nvars; k++) {
                const variant *v = &t->vars[k];
                voff[vi] = sb.len;
                if (v->quoted)
                    sv_buf_puts(&sb, t->lang == SV_LANG_RU ? "«" : "\"");
                sv_buf_append(&sb, g->pool.ptr + v->off, v->len);
                if (v->quoted)
                    sv_buf_puts(&sb, t->lang == SV_LANG_RU ? "»" : "\"");
                sv_buf_putc(&sb, 0);
                g->vstore[vi].count = v->count;
                vi++;
            }
        }
    }
    g->strings = sv_buf_detach(&sb, NULL);
    vi = 0;
    for (size_t i = 0; i < npk; i++) {
        sv_gloss_entry *x = &g->entries[i];
        x->en = g->strings + eoff[i][0];
        x->ru = g->strings + eoff[i][1];
        x->example_en = g->strings + eoff[i][2];
        x->example_ru = g->strings + eoff[i][3];
        x->example_origin = eoff[i][4] != SIZE_MAX ? g->origins[eoff[i][4] - 1] : NULL;
        x->en_variants = g->vstore + vi;
        for (size_t k = 0; k < x->n_en_variants; k++, vi++)
            g->vstore[vi].text = g->strings + voff[vi];
        x->ru_variants = g->vstore + vi;
        for (size_t k = 0; k < x->n_ru_variants; k++, vi++)
            g->vstore[vi].text = g->strings + voff[vi];
        qsort(g->vstore + (x->en_variants - g->vstore), x->n_en_variants, sizeof *g->vstore,
              cmp_var);
        qsort(g->vstore + (x->ru_variants - g->vstore), x->n_ru_variants, sizeof *g->vstore,
              cmp_var);
    }
    g->nentries = npk;
    free(voff);
    free(eoff);
    free(pk);
    (void)diags;
    return SV_OK;
}

size_t sv_glossary_count(const sv_glossary *g)
{
    return g->nentries;
}

const sv_gloss_entry *sv_glossary_get(const sv_glossary *g, size_t i)
{
    return i < g->nentries ? &g->entries[i] : NULL;
}

const sv_gloss_entry *sv_glossary_entries(const sv_glossary *g)
{
    return g->entries;
}

void sv_glossary_get_stats(const sv_glossary *g, sv_glossary_stats *out)
{
    memset(out, 0, sizeof *out);
    out->pairs = g->npairs;
    for (size_t i = 0; i < g->nterms; i++) {
        if (g->terms[i].lang == SV_LANG_EN)
            out->en_terms++;
        else
            out->ru_terms++;
        out->occurrences += g->terms[i].occs;
    }
    out->term_pairs = g->nps;
    out->links = g->links;
    out->entries = g->nentries;
}
