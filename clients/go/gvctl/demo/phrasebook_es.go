package demo

var spanish = phrasebook{
	openers: polar{
		positive: []string{"¡Una estancia maravillosa!", "Lo pasamos genial en este hotel.", "Muy buena experiencia en general."},
		negative: []string{"Una estancia decepcionante.", "No era lo que esperábamos.", "La peor experiencia de hotel de este año."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"La habitación estaba impecable y muy limpia.", "Todo estaba limpísimo, hasta el baño.", "La limpieza era excelente."},
			negative: []string{"El baño estaba sucio y olía a humedad.", "Encontramos pelos en la ducha y manchas en las sábanas.", "Mucho polvo por todas partes, qué asco."},
		},
		"room": {
			positive: []string{"La habitación era amplia y la cama muy cómoda.", "Preciosa habitación con vistas al mar.", "Camas comodísimas y buenas almohadas."},
			negative: []string{"La habitación era diminuta y agobiante.", "El colchón era viejo e incómodo.", "Habitación anticuada y el aire acondicionado no funcionaba."},
		},
		"staff_service": {
			positive: []string{"El personal fue amable y muy atento.", "La recepcionista nos ayudó muchísimo.", "Un trato excelente por parte de todo el equipo."},
			negative: []string{"El recepcionista fue muy grosero y maleducado.", "El personal de recepción nos ignoró, qué mala educación.", "Trato pésimo y desagradable en recepción."},
		},
		"location": {
			positive: []string{"La ubicación es perfecta, cerca de todo.", "Excelente ubicación junto al casco antiguo.", "Muy bien situado, a dos pasos del metro."},
			negative: []string{"La ubicación es malísima, lejos de todo.", "Zona poco segura por la noche.", "Mal situado, lejos de cualquier estación."},
		},
		"value": {
			positive: []string{"Muy buena relación calidad-precio.", "Precio razonable para lo que ofrece.", "Vale la pena, más barato que otros hoteles."},
			negative: []string{"Demasiado caro para lo que ofrece.", "Pésima relación calidad-precio.", "Nos cobraron una tasa absurda, un robo."},
		},
		"food_beverage": {
			positive: []string{"El desayuno estaba delicioso y muy variado.", "El restaurante es excelente.", "Buenísimos cócteles en el bar."},
			negative: []string{"El desayuno era pobre y el café malísimo.", "La comida del restaurante estaba fría y sosa.", "Desayuno decepcionante con pan duro."},
		},
		"wifi_internet": {
			positive: []string{"El wifi era rápido y fiable.", "Wifi excelente, perfecto para teletrabajar.", "Buena conexión a internet en todo el hotel."},
			negative: []string{"El wifi era horrible y se cortaba todo el rato.", "Wifi inútil, imposible hacer una videollamada.", "La conexión a internet era lentísima."},
		},
		"noise_sleep": {
			positive: []string{"La habitación era tranquila y dormimos muy bien.", "Silencioso por la noche, descansamos de maravilla.", "Muy tranquilo, un descanso perfecto."},
			negative: []string{"Un ruido terrible de la calle toda la noche.", "Habitación muy ruidosa, no pudimos dormir.", "Paredes finas y vecinos ruidosos, noche sin dormir."},
		},
		"checkin_checkout": {
			positive: []string{"El check-in fue rápido y sencillo.", "Nos dejaron hacer el check-out tarde sin problema.", "Entrada muy ágil a la llegada."},
			negative: []string{"El check-in fue un desastre, esperamos una hora.", "Cola larguísima para el check-in.", "Perdieron nuestra reserva al llegar, fatal."},
		},
		"facilities": {
			positive: []string{"La piscina es preciosa.", "Buen gimnasio y un spa muy relajante.", "La terraza de la azotea es espectacular."},
			negative: []string{"La piscina estaba cerrada y el gimnasio roto.", "El ascensor estuvo averiado toda la estancia.", "El spa era decepcionante y estaba sucio."},
		},
	},
	neutral: []string{"Estuvimos tres noches por trabajo.", "Reservamos en la web del hotel.", "Viajé con mi pareja."},
	closers: polar{
		positive: []string{"¡Muy recomendable!", "Volveremos seguro.", "Gracias por todo."},
		negative: []string{"No lo recomiendo.", "No volveremos.", "Muy decepcionados."},
	},
	replies: []string{
		"Lamentamos que su estancia no estuviera a la altura y le agradecemos sus comentarios. Ya lo hemos compartido con el equipo y lo hemos corregido.",
		"Gracias por su opinión sincera. Le pedimos disculpas; ya hemos resuelto lo que nos indica.",
	},
}
