"""Names whose forms differ across languages beyond spelling (Germany/Njemačka/Германия): one key for all.

Phonetic keys already join Pyongyang/Pjongjang and Путина/Putin; these are the exonyms that sound different
in each language (countries, capitals, organisations that appear in most news). Each form is keyed by the
same rules as any name (romanized, case endings folded), so inflected forms (Njemačkoj, Германии) follow.
"""
from __future__ import annotations

# English name: forms in de, cs, hr/bs/sr (Latin; Serbian Cyrillic romanizes to these), ru, uk, mk/bg.
EXONYMS = {
    "Germany": "Deutschland Německo Njemačka Nemačka Германия Німеччина Германија Германия",
    "Austria": "Österreich Rakousko Austrija Австрия Австрія Австрија",
    "Russia": "Russland Rusko Rusija Россия Росія Русија Русия",
    "Ukraine": "Ukrajina Украина Україна Украјина",
    "China": "Čína Kina Китай Кина",
    "Japan": "Japonsko Japan Япония Японія Јапонија",
    "Greece": "Griechenland Řecko Grčka Греция Греція Грција Гърция",
    "Hungary": "Ungarn Maďarsko Mađarska Венгрия Угорщина Унгарија Унгария",
    "Poland": "Polen Polsko Poljska Польша Польща Полска",
    "Czechia": "Tschechien Česko Češka Чехия Чехія Чешка",
    "Turkey": "Türkei Turecko Turska Турция Туреччина Турција",
    "Switzerland": "Schweiz Švýcarsko Švicarska Švajcarska Швейцария Швейцарія Швајцарија",
    "Italy": "Italien Itálie Italija Италия Італія Италија",
    "Spain": "Spanien Španělsko Španjolska Španija Испания Іспанія Шпанија",
    "France": "Frankreich Francie Francuska Франция Франція Франција",
    "Britain": "Großbritannien Británie Britanija Британия Британія Британија",
    "England": "Anglie Engleska Англия Англія Англија",
    "Croatia": "Kroatien Chorvatsko Hrvatska Хорватия Хорватія Хрватска",
    "Serbia": "Serbien Srbsko Srbija Сербия Сербія Србија",
    "Netherlands": "Niederlande Nizozemsko Nizozemska Holandija Нидерланды Нідерланди Холандија",
    "Sweden": "Schweden Švédsko Švedska Швеция Швеція Шведска",
    "Finland": "Finnland Finsko Finska Финляндия Фінляндія Финска",
    "Norway": "Norwegen Norsko Norveška Норвегия Норвегія Норвешка",
    "Belgium": "Belgien Belgie Belgija Бельгия Бельгія Белгија",
    "Korea": "Korea Koreja Корея Корея Кореја",
    "Egypt": "Ägypten Egypt Egipat Египет Єгипет",
    "Syria": "Syrien Sýrie Sirija Сирия Сирія Сирија",
    "Israel": "Izrael Израиль Ізраїль Израел",
    "Iran": "Írán Иран Іран",
    "India": "Indien Indie Indija Индия Індія Индија",
    "Mexico": "Mexiko Meksiko Мексика Мексика Мексико",
    "Brazil": "Brasilien Brazílie Brazil Бразилия Бразилія Бразил",
    "Europe": "Europa Evropa Европа Європа",
    "Moscow": "Moskau Moskva Москва",
    "Beijing": "Peking Pekin Пекин Пекін",
    "Pyongyang": "Pchjongjang Пхеньян Пхеньян Пјонгјанг",
    "Vienna": "Wien Vídeň Beč Вена Відень Беч",
    "Warsaw": "Warschau Varšava Варшава",
    "Prague": "Prag Praha Prag Прага",
    "Belgrade": "Belgrad Bělehrad Beograd Белград Белград Београд",
    "Kyiv": "Kiew Kyjev Kijev Kijiv Киев Київ Кијев",
    "Munich": "München Mnichov Minhen Мюнхен Мюнхен Минхен",
    "Rome": "Rom Řím Rim Рим",
    "Athens": "Athen Atény Atena Афины Афіни Атина",
    "Washington": "Vašington Вашингтон",
    "Jerusalem": "Jeruzalém Jeruzalem Иерусалим Єрусалим Јерусалим",
    "United Nations": "UN UNO OSN OUN ООН УН",
    "United States": "USA US SAD США САД",
    "European Union": "EU ЕС ЄС ЕУ",
    "Soviet Union": "Sowjetunion USSR UdSSR SSSR СССР",
    "Kremlin": "Kreml Кремль Кремљ",
    "Vatican": "Vatikan Vatikán Ватикан",
}

# Names of more than one word, as whole spans (forms separated by "|").
MULTIWORD = {
    "United States": "Vereinigte Staaten|Spojené státy|Sjedinjene Američke Države|Sjedinjene Države|"
                     "Соединённые Штаты|Соединенные Штаты|Сполучені Штати|Сједињене Америчке Државе|"
                     "Сједињене Државе",
    "European Union": "Europäische Union|Evropská unie|Europska unija|Evropska unija|Европейский союз|"
                      "Європейський Союз|Европска унија",
    "North Korea": "Nordkorea|Severní Korea|Sjeverna Koreja|Severna Koreja|Северная Корея|Північна Корея|"
                   "Северна Кореја",
    "South Korea": "Südkorea|Jižní Korea|Južna Koreja|Южная Корея|Південна Корея|Јужна Кореја",
    "Saudi Arabia": "Saudi-Arabien|Saúdská Arábie|Saudijska Arabija|Саудовская Аравия|Саудівська Аравія|"
                    "Саудијска Арабија",
    "New York": "Nju Jork|Нью-Йорк|Нью-Йорк|Њујорк|Њу Јорк|Njujork",
    "Soviet Union": "Sovětský svaz|Sovjetski Savez|Советский Союз|Радянський Союз|Совјетски Савез",
}
