/**
 * French and English stop words, folded (lower case, no accents) as the tokeniser sees them:
 * words too common to say why a brand spikes. Short lists written for Vigie, plus the chatter of
 * social posts ("rt", "via", "lol") and the pieces of elided French ("qu", "aujourd").
 */

const FRENCH = `
a ai aie aient aies ait alors as au aucun aucune aupres auquel aussi autre autres aux avaient avais
avait avant avec avez aviez avions avoir avons ayant bah bcp beaucoup bien bon c ca car ce ceci
cela celle celles celui cependant ces cet cette ceux chaque chez ci comme comment contre d dans de
deja depuis des deux devant doit donc dont du elle elles en encore entre es est et etaient etais
etait etant ete etes etiez etions etre eu eux fait faire fais fois font gens ici il ils j je jusqu
jusque l la le les leur leurs lui m ma mais me meme memes mes moi moins mon n ne ni non nos notre
nous on ont ou oui par parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels
qui quoi s sa sans se sera ses si sien soi soit sommes son sont sous suis sur t ta te tes toi ton
tous tout toute toutes tres trop tu un une vers voila vos votre vous vu y aujourd hui ptdr mdr
`;

const ENGLISH = `
about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each few for from further
get got had has have having he her here hers herself him himself his how i if in into is it its
itself just like me more most my myself no nor not now of off on once only or other our ours out
over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves im ive dont didnt doesnt isnt cant wont its s
t d ll m re ve u ur lol omg yes yeah
`;

const SOCIAL = 'rt via amp http https www com cc';

/** Every stop word, French and English together (posts mix languages). */
export const STOP_WORDS: ReadonlySet<string> = new Set(`${FRENCH} ${ENGLISH} ${SOCIAL}`.split(/\s+/).filter((w) => w !== ''));
