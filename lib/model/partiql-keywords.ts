/**
 * PartiQL keywords, reserved or not (partiql-lang-kotlin, docs/documentation/Keywords.md). Lake
 * Formation parses row filters as PartiQL, where a column named like a keyword must be written in
 * double quotes; PartiQL recommends quoting non-reserved keywords too, as they may become reserved.
 */
export const PARTIQL_KEYWORDS: ReadonlySet<string> = new Set(
  `absolute action acyclic add all allocate alter and any are as asc assertion at authorization avg bag begin between
  bigint bit bit_length blob bool boolean both by can_cast can_lossless_cast cascade cascaded case cast catalog char
  character character_length char_length check clob close coalesce collate collation column conflict commit connect
  connection constraint constraints continue convert corresponding count create cross current current_date current_time
  current_timestamp current_user cursor date date_add date_diff deallocate dec decimal declare default deferrable deferred
  delete desc describe descriptor diagnostics disconnect distinct do domain double drop else end end-exec escape except
  exception exec execute exists external extract false fetch first float for foreign found from full get global go goto
  grant group having identity immediate in index indicator initially inner input insensitive insert int int2 int4 int8
  integer integer2 integer4 integer8 intersect interval into is isolation join key language last lateral leading left let
  level like limit list local lower match max min missing modified module names national natural nchar new next no not
  nothing null nulls nullif numeric octet_length of offset old on only open option or order outer output overlaps pad
  partial pivot position precision prepare preserve primary prior privileges procedure public read real references
  relative remove restrict returning revoke right rollback rows schema scroll section select session session_user set sexp
  shortest simple size smallint some space sql sqlcode sqlerror sqlstate string struct substring sum symbol system_user
  table temporary then time timestamp to trail trailing transaction translate translation trim true tuple union unique
  unknown unpivot update upper usage user using value values varchar varying view when whenever where with work write zone`
    .split(/\s+/)
    .filter((w) => w !== ''),
);
