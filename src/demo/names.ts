/** Invented people's names for the demo crowd (combined at random, so no real person is meant). */
export const FIRST_FR = [
  'Julie', 'Camille', 'Léa', 'Manon', 'Chloé', 'Sarah', 'Emma', 'Inès', 'Clara', 'Anaïs', 'Marine', 'Pauline',
  'Élodie', 'Nolwenn', 'Gwenaëlle', 'Maëlle', 'Sophie', 'Nathalie', 'Isabelle', 'Sandrine', 'Valérie', 'Aurélie',
  'Lucas', 'Hugo', 'Thomas', 'Nicolas', 'Maxime', 'Antoine', 'Julien', 'Romain', 'Kévin', 'Yann', 'Erwan',
  'Gaël', 'Loïc', 'Mathieu', 'Benoît', 'François', 'Olivier', 'Philippe', 'Sébastien', 'Jérôme', 'Karim',
  'Mehdi', 'Yasmine', 'Fatou', 'Amadou', 'Rachid', 'Leïla', 'Sofiane', 'Nadia', 'Théo', 'Enzo', 'Jade',
];
export const LAST_FR = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
  'Le Gall', 'Le Goff', 'Le Roux', 'Guéguen', 'Tanguy', 'Kerouac', 'Le Bris', 'Quéré', 'Morvan', 'Riou',
  'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Benali', 'Diallo',
  'Nguyen', 'Haddad', 'Mendes', 'Perrin', 'Chevalier', 'Gauthier', 'Masson', 'Marchand', 'Duval', 'Denis',
];
export const FIRST_EN = [
  'Emily', 'Olivia', 'Sophie', 'Grace', 'Chloe', 'Hannah', 'Jessica', 'Lucy', 'Megan', 'Rachel', 'Amy', 'Laura',
  'James', 'Oliver', 'Jack', 'Harry', 'George', 'Daniel', 'Ryan', 'Liam', 'Sean', 'Connor', 'Ethan', 'Noah',
  'Priya', 'Aisha', 'Mateo', 'Kenji', 'Zoe', 'Nina', 'Marc', 'Claire', 'Ben', 'Tom', 'Kate', 'Sam',
];
export const LAST_EN = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker', 'Wright',
  'Thompson', 'Roberts', 'Murphy', 'Kelly', "O'Brien", 'Byrne', 'Campbell', 'Stewart', 'Patel', 'Khan',
  'Tremblay', 'Gagnon', 'Roy', 'Clarke', 'Hughes', 'Green', 'Hall', 'Baker', 'Carter', 'Mitchell', 'Reid',
];
/** Words for handles and display names that are not a person's name. */
export const NICK_WORDS = [
  'cuisine', 'miam', 'gourmand', 'popote', 'marmite', 'foodie', 'chef', 'veggie', 'batch', 'maison', 'bzh',
  'breizh', 'kitchen', 'cook', 'home', 'baker', 'spicy', 'crumble', 'cannelle', 'poivre', 'sel', 'olive',
  'tomate', 'chou', 'potiron', 'galette', 'crepe', 'kouign', 'broth', 'stew', 'mama', 'papa', 'tata', 'dad',
];
