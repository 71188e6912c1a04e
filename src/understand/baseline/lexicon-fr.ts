/**
 * A French sentiment lexicon written for Vigie, AFINN-style: every word or expression has an
 * integer score from −5 (very negative) to +5 (very positive). It leans towards what customers
 * write to brands: complaints (broken, late, refund, scam, danger), anger and praise.
 *
 * Format: one line per score group, `<score> <form> <form> …`. A form is a single token (inflected
 * forms are listed explicitly) or an expression of several words joined by `_` (matched on
 * consecutive tokens, e.g. `service_client_nul`). Accented forms also match without accents
 * (the loader adds the unaccented variant), because many posts are typed without them.
 */
export const FRENCH_LEXICON_SOURCE = `
-5 scandaleux scandaleuse scandaleuses ignoble ignobles immonde immondes abject abjecte abjects abjectes dégueulasse dégueulasses dégeulasse répugnant répugnante répugnants répugnantes criminel criminelle criminels criminelles
-5 mortel mortelle mortels mortelles intoxication intoxications intoxiqué intoxiquée intoxiqués empoisonné empoisonnée empoisonnés empoisonnement
-4 arnaque arnaques arnaqué arnaquée arnaqués arnaquées arnaquer arnaqueur arnaqueurs escroc escrocs escroquerie escroqueries escroqué escroquée voleur voleurs voleuse voleuses vol volé volée volés volées
-4 honte honteux honteuse honteuses dangereux dangereuse dangereuses danger dangers catastrophe catastrophes catastrophique catastrophiques désastre désastres désastreux désastreuse
-4 horrible horribles affreux affreuse affreuses atroce atroces minable minables pourri pourrie pourris pourries merde merdique merdiques putain bordel enfoiré enfoirés connard connards salaud salauds
-4 inadmissible inadmissibles inacceptable inacceptables intolérable intolérables révoltant révoltante révoltants révoltantes écoeurant écœurant écoeurée écœurée écoeuré écœuré dégoûté dégoûtée dégoûtés dégoûtant dégoûtante
-4 fraude fraudes frauduleux frauduleuse mensonge mensonges menteur menteurs menteuse mensonger mensongère trahison trahi trahie trahis
-4 boycott boycotter boycottez boycottons scandale scandales
-3 nul nulle nuls nulles naze nazes lamentable lamentables pitoyable pitoyables déplorable déplorables médiocre médiocres
-3 cassé cassée cassés cassées casse brisé brisée brisés brisées défectueux défectueuse défectueuses défectueuse défaut défauts panne pannes hs
-3 déçu déçue déçus déçues décevant décevante décevants décevantes déception déceptions furieux furieuse furieuses colère énervé énervée énervés énervant énervante rage enragé
-3 inutilisable inutilisables injoignable injoignables inexistant inexistante incompétent incompétente incompétents incompétence irresponsable irresponsables méprisant méprisante mépris
-3 toxique toxiques contaminé contaminée contaminés contaminées contamination moisi moisie moisis moisissure moisissures périmé périmée périmés périmées avarié avariée rappel_produit
-3 malade malades vomi vomir vomissements brûlure brûlures brûlé brûlée blessé blessée blessés blessure blessures accident accidents explosé explosée explosion incendie
-3 plainte plaintes porter_plainte procès avocat litige litiges mise_en_demeure ufc_que_choisir dgccrf signalconso
-3 fuir fuyez évitez éviter jamais_plus plus_jamais à_fuir
-3 harcèlement harcelé harcelée raciste racistes racisme sexiste sexistes discrimination discriminé
-3 foutage_de_gueule foutent_de_nous se_moquer moquent
-2 marche_pas marche_plus marchent_pas fonctionne_pas fonctionne_plus fonctionnent_pas répond_pas répondent_pas répond_plus aime_pas recommande_pas conseille_pas vaut_pas_le_coup
-2 problème problèmes souci soucis bug bugs bugué buggé beug plantage plante planté retard retards retardé retardée en_retard annulé annulée annulés annulation annulations
-2 remboursement remboursements rembourser remboursez remboursé réclamation réclamations litige sav
-2 cher chère chers chères hors_de_prix arnaqueuse trop_cher abusé abusif abusive abusifs
-2 mauvais mauvaise mauvaises mal pire pires triste tristes dommage marre ras_le_bol agacé agacée agaçant agaçante fatigué fatiguée lassé lassée
-2 lent lente lents lentes lenteur attente bloqué bloquée bloqués bloquée perdu perdue perdus perdues manquant manquante manquants manquantes introuvable
-2 faux fausse fausses erreur erreurs erroné erronée incorrect incorrecte raté ratée ratés loupé échec échecs échoué
-2 inquiet inquiète inquiets inquiétant inquiétante inquiétude peur effrayant effrayante grave graves risque risques risqué
-2 sale sales crade crado insalubre gâché gâchée gâchis pollution polluant polluante
-2 ignoré ignorée ignorés ignore silence aucune_réponse pas_de_réponse sans_réponse répondez honteusement
-2 licenciement licenciements licencié grève grèves fermeture fermetures faillite
-2 moche moches ringard ringarde bof nulle_part
-1 attendre attends attend pourtant hélas encore_une_fois toujours_pas
-1 cher_payé bizarre bizarres étrange douteux douteuse louche compliqué compliquée difficile difficiles
-1 hésite hésitant moyen moyenne moyens passable
1 ok okay correct correcte correctes convenable pratique pratiques utile utiles rapide rapides simple simples
1 bien bon bonne bons bonnes propre propres
2 merci mercii merciii remercie remercions remerciements content contente contents contentes satisfait satisfaite satisfaits satisfaites heureux heureuse heureuses
2 super top cool sympa sympas agréable agréables efficace efficaces réactif réactive réactifs réactivité professionnel professionnelle pro
2 recommande recommandé recommandée recommandons conseille fiable fiables solide solides délicieux délicieuse délicieuses savoureux savoureuse
2 rembourse_rapidement résolu résolue résolus réglé réglée problème_résolu enfin bravo félicitations chapeau
2 joli jolie jolis jolies beau belle beaux belles plaisir ravi ravie ravis ravies
3 génial géniale géniaux géniales excellent excellente excellents excellentes parfait parfaite parfaits parfaites impeccable impeccables
3 adore adorons adorent adoré adorée j'adore aime aimons aiment love magnifique magnifiques superbe superbes formidable formidables fantastique fantastiques
3 incroyable incroyables extraordinaire merveilleux merveilleuse merveilleuses exceptionnel exceptionnelle au_top trop_bien trop_bon
4 meilleur meilleure meilleurs meilleures sublime sublimes exceptionnels parfaitement génialissime coup_de_cœur coup_de_coeur
`;

/** Words that invert the sentiment of what follows ("pas", "jamais", "sans", "ni"…). */
export const FRENCH_NEGATORS: readonly string[] = ['pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'ni', 'personne', 'guère'];

/**
 * Words that invert only after a "ne"/"n'" (so "plus beau" stays positive but "n'est plus bon"
 * is negated).
 */
export const FRENCH_WEAK_NEGATORS: readonly string[] = ['plus'];

/** Words that strengthen the next sentiment word (×1.5). */
export const FRENCH_INTENSIFIERS: readonly string[] = [
  'très', 'trop', 'vraiment', 'tellement', 'hyper', 'super', 'ultra', 'extrêmement', 'totalement',
  'complètement', 'absolument', 'particulièrement', 'franchement', 'carrément', 'si', 'tout', 'grave',
];
