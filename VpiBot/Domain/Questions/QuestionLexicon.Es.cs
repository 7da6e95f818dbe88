using VpiBot.Domain.Meetings;
using static VpiBot.Domain.Questions.QuestionIntent;

namespace VpiBot.Domain.Questions;

public sealed partial record QuestionLexicon
{
    /// <summary>Spanish.</summary>
    public static readonly QuestionLexicon Es = new(
        Language: "es",
        Locales: ["es"],
        MatchSubstrings: false,
        Intents:
        [
            .. Say(Status, 3, "donde estamos", "en que etapa", "que etapa", "en que fase", "estado + iniciativa", "estado + ivp", "estado + vpi", "como vamos", "como va + iniciativa", "en que punto estamos", "resumen", "en general", "panorama", "situacion + general", "que fase", "resum*", "en que punto", "como estan + cosas", "como anda*", "como va + piloto", "estado de situacion"),
            .. Say(Status, 2, "etapa", "fase", "situacion", "como va"),
            .. Say(Status, 1.5, "estado", "avance", "progreso"),
            .. Say(WaitingForMe, 3, "me espera", "tengo que hacer", "debo hacer", "pendiente* + mi", "mis pendientes", "tengo algo", "tengo que", "me quedan", "me queda", "mi aprobacion", "tengo + pendiente*", "por emitir", "deberia", "vote", "me falta*", "mi lista", "mi voto", "esperando + mi"),
            .. Say(WaitingForMe, 2.5, "para mi", "debo"),
            .. Say(WaitingForMe, 1, "pendiente*"),
            .. Say(Priorities, 2.5, "priorid*"),
            .. Say(Priorities, 1, "prioridades nacionales", "lista + priorid*", "que prioridades", "todas + priorid*"),
            .. Say(QuestionIntent.Priority, 1.5, "que paso con", "hablame"),
            .. Say(OpenVotes, 3, "votacion* + abiert*", "abiert* + votacion*", "votacion* + en curso", "votacion* + en marcha", "voto* + abiert*", "voto* + en curso", "podemos votar", "se estan votando", "estan votando", "se vota", "se puede votar", "puede votar"),
            .. Say(OpenVotes, 1.5, "votacion*", "votando", "votar", "en curso"),
            .. Say(VoteResult, 3, "resultado*", "se aprobo", "adopt*", "como salio", "salio + votacion*"),
            .. Say(VoteResult, 2, "paso", "aprobo", "recuento"),
            .. Say(NotVoted, 4, "no ha votado", "no han votado", "no + votado", "falta* por votar", "sin votar", "no + votaron", "no voto", "no + papeleta*", "no ha entregado", "votaron + todos", "todos + votaron", "todos + votado"),
            .. Say(NotVoted, 2, "falta*"),
            .. Say(Roadmap, 3.5, "hoja + ruta", "implementacion"),
            .. Say(Roadmap, 1, "tarea*", "va bien", "terminad*"),
            .. Say(MyTasks, 5, "mis + tarea*", "tengo asignad*", "asignad* + mi", "soy responsable", "me + asignad*", "me + encarga*", "me + asignaron", "a mi cargo", "me + toca*", "mias", "mios", "se supone + debo", "debo entregar", "tengo + asignad*", "me asignaron"),
            .. Say(Overdue, 4, "atrasad*", "retrasad*", "plazo* + vencido*", "fecha limite vencida", "retraso*", "vencid*", "atraso*", "pasaron + fecha*", "paso + fecha*", "fuera + plazo", "no + cumplido*", "incumplid*", "no + tiempo", "deberian haberse", "deberia haberse", "paso + plazo*", "pasado + plazo*"),
            .. Say(DueSoon, 3, "vence*", "vencimiento*", "proximos plazos", "hay que entregar", "entregar", "fecha* limite*"),
            .. Say(DueSoon, 2, "plazo*", "pronto", "para fin", "hay que terminar", "terminar"),
            .. Say(NextMeeting, 3, "proxima reunion", "volvemos reunir", "reunimos", "cuando + reunion*", "reunion* + programada*", "tenemos reunion", "cuando + lanzamiento"),
            .. Say(NextMeeting, 1.5, "reservad*", "agendad*"),
            .. Say(NextMeeting, 2, "reunion*", "cuando", "fecha", "programada", "hay + reunion*"),
            .. Say(MeetingAttendees, 5.5, "asiste*", "asistira*", "quien* + viene*", "invitad*", "quien* + invit*", "quien* + rechazo", "quien* + confirmo", "dijo + si", "confirm* + asistencia", "vienen", "cuantas personas", "estara en", "quien estara", "asistentes", "quien + acepto", "participantes + reunion*", "van + reunion*", "vendra*"),
            .. Say(MeetingAttendees, 2.5, "participantes", "acepto", "invitacion"),
            .. Say(Members, 3, "miembro*", "forma parte", "forman parte", "quien esta en", "quienes estan en", "quienes son", "quienes participan", "participan + iniciativa", "integrantes", "integran", "componen", "conforman", "composicion"),
            .. Say(Members, 1.5, "equipo", "personas"),
            .. Say(Organisation, 4, "representa*", "nuestro contacto", "contacto en", "trabaja* para", "punto focal", "contacto + de", "persona de contacto"),
            .. Say(Menu, 3.5, "menu", "nivel", "escenario*", "impacto"),
            .. Say(Menu, 2, "opcion*", "colaboracion", "incluye", "contiene", "implica", "abarca"),
            .. Say(Tools, 2, "generar", "descarg*", "exportar", "agrega*", "anade*"),
        ],
        ItemKinds:
        [
            .. Name(ItemKind.Priority, "prioridad", "prioridades", "p", "prio"),
            .. Name(ItemKind.Recommendation, "recomendacion", "recomendaciones", "r", "reco"),
            .. Name(ItemKind.Task, "tarea", "tareas", "t"),
            .. Name(ItemKind.Meeting, "reunion", "reuniones", "m"),
        ],
        NumberMarkers: ["numero", "num", "n", "no", "nro", "nr"],
        MeetingKinds:
        [
            .. Name(MeetingKind.GovernmentScoping, "exploratoria + gobierno", "alcance + gobierno", "delimitacion + gobierno", "scoping + gobierno", "exploratoria + equipo examen"),
            .. Name(MeetingKind.StakeholderScoping, "exploratoria + sociedad civil", "exploratoria + ong", "alcance + sociedad civil", "alcance + ong", "exploratoria + partes interesadas", "exploratoria + osc"),
            .. Name(MeetingKind.VpiLaunch, "lanzamiento"),
            .. Name(MeetingKind.TaskForce, "grupo trabajo", "grupos trabajo", "equipo tareas", "task force"),
            .. Name(MeetingKind.Consultation, "consulta", "consultas"),
            .. Name(MeetingKind.Briefing, "sesion informativa", "reunion informativa", "informativa", "briefing"),
            .. Name(MeetingKind.AdvisoryBoard, "consejo asesor", "consejo consultivo", "junta asesora"),
        ],
        Periods:
        [
            .. Name(Period.Today, "hoy", "esta manana", "esta tarde"),
            .. Name(Period.ThisWeek, "esta semana", "semana", "fin semana"),
            .. Name(Period.NextWeek, "semana que viene", "proxima semana", "semana proxima", "siguiente semana"),
            .. Name(Period.ThisMonth, "este mes", "mes", "fin mes"),
            .. Name(Period.NextMonth, "mes que viene", "proximo mes", "mes proximo", "siguiente mes"),
        ],
        Statuses:
        [
            .. Name(PriorityStatus.Approved, "aprob*", "acept*", "validad*", "luz verde"),
            .. Name(PriorityStatus.Rejected, "rechaz*"),
            .. Name(PriorityStatus.UnderReview, "esper* + decision", "en revision", "pendiente*", "por aprobar", "queda por aprobar", "pendiente* aprobacion", "en examen", "sin aprobar"),
            .. Name(PriorityStatus.Draft, "borrador*"),
            .. Name(PriorityStatus.Submitted, "presentad*", "enviad*", "sometid*"),
            .. Name(PriorityStatus.ChangesRequested, "devuelt*", "devolvi*", "para cambios", "requieren cambios", "cambios solicitados", "necesitan cambios", "piden cambios", "cambio*", "modificacion*"),
            .. Name(PriorityStatus.Withdrawn, "retirad*"),
        ],
        Roles:
        [
            .. Name(VpiRole.ReviewTeam, "lado gobierno", "equipo examen", "equipo revision", "examinadores", "equipo + examen"),
            .. Name(VpiRole.Facilitator, "facilitador*"),
            .. Name(VpiRole.Alliance, "alianza"),
        ],
        Levels:
        [
            .. Name(CollaborationLevel.Minimum, "minimo", "minima", "bajo", "basico"),
            .. Name(CollaborationLevel.Medium, "medio", "media", "intermedio"),
            .. Name(CollaborationLevel.High, "alto", "alta", "maximo", "elevado"),
        ],
        Features:
        [
            .. Name(BotTool.Report, "informe*", "reporte*"),
            .. Name(BotTool.WhatsOn, "whatson", "whats on"),
            .. Name(BotTool.Dashboard, "tablero", "panel control", "cuadro mando", "dashboard"),
            .. Name(BotTool.Consultations, "consultas tematicas", "organizar + consultas", "consultas + bot"),
        ],
        OrganisationCues: ["punto focal de", "punto focal del", "punto focal en", "punto focal para", "persona de contacto de", "persona de contacto en", "contacto de", "contacto del", "contacto para", "representa a", "representa al", "representan a", "representan al", "representa", "representan", "nuestro contacto en", "contacto en", "trabajan para", "trabaja para", "trabajan en", "trabaja en", "vienen del", "viene del", "viene de"],
        Articles: ["el", "la", "los", "las"],
        StopWords:
        [
            "podria decirme", "podrias decirme", "puede decirme", "puedes decirme", "me puedes decir", "me podria decir", "me podrias decir", "por favor", "porfa", "porfavor",
            "hola", "gracias", "actualmente", "todavia", "aun", "ya", "ahora",
            "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "a", "al",
        ],
        NumberWords: ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"],
        FirstPerson: ["yo", "mi", "mis", "mio", "mia", "mios", "mias", "me"]);
}
