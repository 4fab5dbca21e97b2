package demo

var portuguese = phrasebook{
	openers: polar{
		positive: []string{"Uma estadia maravilhosa!", "Passámos uns dias fantásticos.", "Experiência muito boa no geral."},
		negative: []string{"Estadia dececionante, infelizmente.", "Nada do que esperávamos.", "A pior experiência de hotel deste ano."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"O quarto estava impecável e muito limpo.", "Tudo muito limpo, até a casa de banho.", "A limpeza era excelente."},
			negative: []string{"A casa de banho estava suja e cheirava a mofo.", "Cabelos no chuveiro e manchas nos lençóis.", "Pó por todo o lado, nojento."},
		},
		"room": {
			positive: []string{"O quarto era espaçoso e a cama muito confortável.", "Quarto lindo com vista para o rio.", "Camas confortáveis e ótimas almofadas."},
			negative: []string{"O quarto era minúsculo e abafado.", "O colchão era velho e desconfortável.", "Quarto antiquado e o ar condicionado avariado."},
		},
		"staff_service": {
			positive: []string{"Os funcionários foram simpáticos e prestáveis.", "A rececionista ajudou-nos imenso.", "Acolhimento caloroso de toda a equipa."},
			negative: []string{"O rececionista foi mal-educado e grosseiro.", "Os funcionários da receção ignoraram-nos, que falta de educação.", "Atendimento péssimo e arrogante na receção."},
		},
		"location": {
			positive: []string{"A localização é perfeita, perto de tudo.", "Excelente localização junto ao centro histórico.", "A dois passos do metro, muito bem localizado."},
			negative: []string{"A localização é péssima, longe de tudo.", "Zona pouco segura à noite.", "Mal localizado, longe de qualquer estação."},
		},
		"value": {
			positive: []string{"Ótima relação qualidade-preço.", "Preço justo pelo que oferece.", "Vale bem o preço."},
			negative: []string{"Demasiado caro para o que oferece.", "Péssima relação qualidade-preço.", "Taxas absurdas, um roubo."},
		},
		"food_beverage": {
			positive: []string{"O pequeno-almoço era delicioso e variado.", "O restaurante é excelente.", "Ótimos cocktails no bar."},
			negative: []string{"O pequeno-almoço era fraco e o café horrível.", "A comida do restaurante estava fria e sem sabor.", "Pequeno-almoço dececionante com pão duro."},
		},
		"wifi_internet": {
			positive: []string{"O wifi era rápido e fiável.", "Wifi excelente, perfeito para trabalhar.", "Boa ligação à internet em todo o hotel."},
			negative: []string{"O wifi era horrível e falhava constantemente.", "Wifi inútil, impossível fazer uma videochamada.", "A ligação à internet era lentíssima."},
		},
		"noise_sleep": {
			positive: []string{"O quarto era silencioso e dormimos muito bem.", "Muito sossegado à noite.", "Silêncio total, um descanso perfeito."},
			negative: []string{"Barulho terrível da rua a noite toda.", "Quarto muito barulhento, não conseguimos dormir.", "Paredes finas e vizinhos barulhentos, uma noite sem dormir."},
		},
		"checkin_checkout": {
			positive: []string{"O check-in foi rápido e simples.", "Deixaram-nos fazer check-out tarde sem problema.", "Chegada muito rápida."},
			negative: []string{"O check-in foi um desastre, esperámos uma hora.", "Fila enorme para o check-in.", "Perderam a nossa reserva, horrível."},
		},
		"facilities": {
			positive: []string{"A piscina é linda.", "Bom ginásio e um spa muito relaxante.", "O terraço no topo é espetacular."},
			negative: []string{"A piscina estava fechada e o ginásio avariado.", "O elevador esteve avariado a estadia toda.", "O spa era dececionante e sujo."},
		},
	},
	neutral: []string{"Ficámos três noites em trabalho.", "Reservámos no site do hotel.", "Viajei com a minha mulher."},
	closers: polar{
		positive: []string{"Recomendo vivamente!", "Voltaremos com certeza.", "Obrigado por tudo."},
		negative: []string{"Não recomendo.", "Nunca mais.", "Muito dececionados."},
	},
	replies: []string{
		"Lamentamos que a estadia não tenha correspondido às expectativas e agradecemos o seu comentário. Já o partilhámos com a equipa e corrigimos a situação.",
		"Obrigado pela sua opinião sincera. Pedimos desculpa; já resolvemos as questões que referiu.",
	},
}
