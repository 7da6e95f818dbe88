using VpiBot.Domain.Meetings;
using static VpiBot.Domain.Questions.QuestionIntent;

namespace VpiBot.Domain.Questions;

public sealed partial record QuestionLexicon
{
    /// <summary>French.</summary>
    public static readonly QuestionLexicon Fr = new(
        Language: "fr",
        Locales: ["fr"],
        MatchSubstrings: false,
        Intents:
        [
            .. Say(Status, 3, "ou en sommes nous", "on en est ou", "ou en est + vpi", "ou en est + initiative", "quelle etape", "etat avancement", "point situation", "ou en est on", "ou on en est", "point rapide", "globalement", "vue ensemble", "faire + point", "quel stade", "stade", "resum*", "ou en sont", "ou en est + pilote", "etat des lieux"),
            .. Say(Status, 2, "etape", "phase", "etat + vpi", "etat + initiative", "bilan", "point", "situation"),
            .. Say(Status, 1.5, "statut", "avancement", "ou en est", "progres"),
            .. Say(WaitingForMe, 3, "m attend", "je dois faire", "dois je faire", "en attente + moi", "ai je", "dois je", "je dois", "me reste", "mon approbation", "ma validation", "je devrais", "devrais je", "j ai", "ma liste", "il me reste", "mon vote", "attend + mon"),
            .. Say(WaitingForMe, 2.5, "pour moi", "mes actions", "a faire"),
            .. Say(WaitingForMe, 1, "en attente", "a examiner"),
            .. Say(Priorities, 2.5, "priorit*"),
            .. Say(Priorities, 1, "priorites nationales", "liste + priorit*", "quelles priorit*", "toutes + priorit*"),
            .. Say(QuestionIntent.Priority, 1.5, "qu est devenue", "parlez moi", "parle moi"),
            .. Say(OpenVotes, 3, "vote* + ouvert*", "ouvert* + vote*", "scrutin* + en cours", "vote* en cours", "peut on voter", "pouvons nous voter", "soumises au vote", "soumis au vote", "scrutin* + ouvert*", "en cours de vote"),
            .. Say(OpenVotes, 1.5, "scrutin*", "voter", "au vote", "en ce moment"),
            .. Say(VoteResult, 3, "resultat*", "adopte*", "comment + passe + vote"),
            .. Say(VoteResult, 2, "passe*", "decompte"),
            .. Say(NotVoted, 4, "pas vote", "pas + vote*", "n ont pas vote", "manque* + vote", "pas encore vote", "sans voter", "pas + voter", "doit + voter", "doivent + voter", "reste a voter", "toujours pas", "pas + bulletin*", "pas rendu", "tout monde + vote*"),
            .. Say(NotVoted, 2, "manque*"),
            .. Say(Roadmap, 3.5, "feuille + route", "mise en oeuvre"),
            .. Say(Roadmap, 1, "tache*", "avance*", "terminee*"),
            .. Say(MyTasks, 5, "mes + tache*", "me + assign*", "me + attribu*", "suis je responsable", "je suis responsable", "m a confie*", "m + confie*", "me + confie*", "suis charge*", "je suis + charge*", "ma charge", "a moi", "suis cense*", "je suis cense*", "m + assign*", "m + attribu*"),
            .. Say(Overdue, 4, "en retard", "retard", "echeance* + depasse*", "delai* + depasse*", "retards", "delai* + rate*", "pas respecte*", "pas + a temps", "pas livre*", "auraient du", "aurait du"),
            .. Say(Overdue, 3, "depasse*"),
            .. Say(DueSoon, 3, "echeance*", "a rendre", "arrive* a echeance", "prochaines echeances", "a livrer"),
            .. Say(DueSoon, 2, "livrer", "bientot", "pour + fin", "faut finir", "a finir", "a terminer"),
            .. Say(DueSoon, 1, "du", "dus", "dues"),
            .. Say(DueSoon, 2, "est du", "sont dus", "sont dues", "etre rendu*", "d ici"),
            .. Say(NextMeeting, 3, "prochaine reunion", "se reunit", "se reunir", "quand + reunion*", "reunion* + prevue*", "avons nous + reunion*", "quand + lancement"),
            .. Say(NextMeeting, 1.5, "reservee*", "planifiee*"),
            .. Say(NextMeeting, 2, "reunion*", "quand", "a lieu", "date", "prevue"),
            .. Say(MeetingAttendees, 5.5, "participe* + reunion*", "qui + vient", "sera present*", "seront present*", "invite*", "qui + decline*", "qui + accepte*", "qui + confirme*", "confirme* + presence", "dit oui", "qui + dit + oui", "qui + viennent", "combien + viennent", "combien + personnes", "assiste*", "participants + reunion*", "participe* + lancement"),
            .. Say(MeetingAttendees, 2.5, "participants", "accepte*", "invitation", "present*", "participe*"),
            .. Say(Members, 3, "membre*", "fait partie", "font partie", "qui est dans", "qui sont", "participe* + initiative", "qui est membre", "siege*", "compose*", "composition"),
            .. Say(Members, 1.5, "equipe", "qui + vpi", "personnes"),
            .. Say(Organisation, 4, "represente*", "notre contact", "contact chez", "travaill* pour", "vient du", "viennent du", "point focal", "personne contact", "contact pour"),
            .. Say(Menu, 3.5, "menu", "niveau", "scenario*", "impact"),
            .. Say(Menu, 2, "option*", "collaboration", "comprend", "contient", "implique", "inclut"),
            .. Say(Tools, 2, "generer", "telecharger", "exporter", "ajout*"),
        ],
        ItemKinds:
        [
            .. Name(ItemKind.Priority, "priorite", "priorites", "p", "prio"),
            .. Name(ItemKind.Recommendation, "recommandation", "recommandations", "r", "reco", "recommendation"),
            .. Name(ItemKind.Task, "tache", "taches", "t", "action"),
            .. Name(ItemKind.Meeting, "reunion", "reunions", "m"),
        ],
        NumberMarkers: ["numero", "num", "n", "no", "nr", "nos"],
        MeetingKinds:
        [
            .. Name(MeetingKind.GovernmentScoping, "cadrage + gouvernement", "cadrage + equipe examen", "cadrage + ministere", "exploratoire + gouvernement"),
            .. Name(MeetingKind.StakeholderScoping, "cadrage + societe civile", "cadrage + ong", "cadrage + parties prenantes", "cadrage + osc", "exploratoire + societe civile", "exploratoire + ong"),
            .. Name(MeetingKind.VpiLaunch, "lancement", "lancer"),
            .. Name(MeetingKind.TaskForce, "groupe travail", "groupes travail", "task force", "equipe speciale"),
            .. Name(MeetingKind.Consultation, "consultation*"),
            .. Name(MeetingKind.Briefing, "seance information", "session information", "reunion information", "briefing", "seance + information"),
            .. Name(MeetingKind.AdvisoryBoard, "conseil consultatif", "comite consultatif"),
        ],
        Periods:
        [
            .. Name(Period.Today, "aujourd hui", "ce jour", "ce matin", "cet apres midi", "ce soir"),
            .. Name(Period.ThisWeek, "cette semaine", "semaine", "fin semaine"),
            .. Name(Period.NextWeek, "semaine prochaine", "prochaine semaine", "semaine suivante"),
            .. Name(Period.ThisMonth, "ce mois", "ce mois ci", "mois", "fin mois"),
            .. Name(Period.NextMonth, "mois prochain", "prochain mois", "mois suivant"),
        ],
        Statuses:
        [
            .. Name(PriorityStatus.Approved, "approuv*", "valide*", "acceptee*", "adoptee*", "feu vert"),
            .. Name(PriorityStatus.Rejected, "rejet*", "refus*", "ecarte*"),
            .. Name(PriorityStatus.UnderReview, "attend* + decision", "en cours examen", "en examen", "en attente", "a approuver", "reste a approuver", "en attente approbation", "pas encore approuve*", "en cours validation"),
            .. Name(PriorityStatus.Draft, "brouillon*"),
            .. Name(PriorityStatus.Submitted, "soumise*", "soumis"),
            .. Name(PriorityStatus.ChangesRequested, "renvoy*", "modifi*", "doivent etre modifiees", "changements demandes", "a modifier", "a reviser", "modifications demandees"),
            .. Name(PriorityStatus.Withdrawn, "retiree*", "retire", "retires"),
        ],
        Roles:
        [
            .. Name(VpiRole.ReviewTeam, "cote gouvernement*", "equipe examen", "examinateurs", "equipe gouvernementale", "equipe + examen"),
            .. Name(VpiRole.Facilitator, "facilitat*", "animat*"),
            .. Name(VpiRole.Alliance, "alliance"),
        ],
        Levels:
        [
            .. Name(CollaborationLevel.Minimum, "minimum", "minimal", "minimale", "faible"),
            .. Name(CollaborationLevel.Medium, "moyen", "moyenne", "intermediaire"),
            .. Name(CollaborationLevel.High, "eleve", "elevee", "haut", "maximum", "fort"),
        ],
        Features:
        [
            .. Name(BotTool.Report, "rapport*"),
            .. Name(BotTool.WhatsOn, "whatson", "whats on"),
            .. Name(BotTool.Dashboard, "tableau bord", "tableaux bord", "dashboard"),
            .. Name(BotTool.Consultations, "consultations thematiques", "organiser + consultations", "consultations + bot"),
        ],
        OrganisationCues: ["point focal pour", "point focal de", "point focal du", "point focal à", "personne de contact pour", "contact pour", "notre contact pour", "représente", "représentent", "notre contact chez", "contact chez", "travaillent pour", "travaille pour", "viennent du", "vient du", "viennent de", "vient de"],
        Articles: ["le", "la", "les", "l'", "l’"],
        StopWords:
        [
            "pourriez vous me dire", "pouvez vous me dire", "pourrais tu me dire", "peux tu me dire", "pourriez vous", "pouvez vous", "s il vous plait", "s il te plait",
            "svp", "stp", "merci", "bonjour", "salut", "est ce que", "y a t il", "t il", "t elle", "il", "elle", "actuellement", "encore", "deja", "jusqu ici",
            "le", "la", "les", "l", "un", "une", "des", "de", "d", "s", "ete",
        ],
        NumberWords: ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"],
        FirstPerson: ["je", "j", "mes", "mon", "ma", "moi"]);
}
