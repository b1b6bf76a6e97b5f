NAME lipschitz_moons2d
OBJSENSE
    MAX
ROWS
 N  obj
 G  relu_ge_0_0
 G  relu_ge_0_1
 L  relu_off_0_0
 L  relu_off_0_1
 L  relu_on_0_0
 L  relu_on_0_1
 L  switch_on_le_0_0
 L  switch_on_le_0_1
 G  switch_on_ge_0_0
 G  switch_on_ge_0_1
 L  switch_off_le_0_0
 L  switch_off_le_0_1
 G  switch_off_ge_0_0
 G  switch_off_ge_0_1
 L  abs_pos_0
 L  abs_neg_0
COLUMNS
    x_0 relu_ge_0_0 -1.564047116643156
    x_0 relu_ge_0_1 -2.7427318216336807
    x_0 relu_off_0_0 -1.564047116643156
    x_0 relu_off_0_1 -2.7427318216336807
    x_1 relu_ge_0_0 -0.44172718325584404
    x_1 relu_ge_0_1 -0.754680050734165
    x_1 relu_off_0_0 -0.44172718325584404
    x_1 relu_off_0_1 -0.754680050734165
    h_0_4 relu_ge_0_0 1
    h_0_4 relu_off_0_0 1
    h_0_4 relu_on_0_0 1
    h_0_13 relu_ge_0_1 1
    h_0_13 relu_off_0_1 1
    h_0_13 relu_on_0_1 1
    MARKER 'MARKER' 'INTORG'
    a_0_4 relu_off_0_0 0.021806086122352852
    a_0_4 relu_on_0_0 -0.37934877385744709
    a_0_4 switch_on_le_0_0 -12.330043489664344
    a_0_4 switch_on_ge_0_0 -12.330043489664344
    a_0_4 switch_off_le_0_0 -12.330043489664344
    a_0_4 switch_off_ge_0_0 -12.330043489664344
    a_0_13 relu_off_0_1 0.69614722569638732
    a_0_13 relu_on_0_1 -0.0033351487771816624
    a_0_13 switch_on_le_0_1 21.082173288348677
    a_0_13 switch_on_ge_0_1 21.082173288348677
    a_0_13 switch_off_le_0_1 21.082173288348677
    a_0_13 switch_off_ge_0_1 21.082173288348677
    MARKER 'MARKER' 'INTEND'
    q_0_4 obj 0.44172718325584404
    q_0_4 switch_on_le_0_0 1
    q_0_4 switch_on_ge_0_0 1
    q_0_4 switch_off_le_0_0 1
    q_0_4 switch_off_ge_0_0 1
    q_0_4 abs_pos_0 -1.564047116643156
    q_0_4 abs_neg_0 1.564047116643156
    q_0_13 obj 0.754680050734165
    q_0_13 switch_on_le_0_1 1
    q_0_13 switch_on_ge_0_1 1
    q_0_13 switch_off_le_0_1 1
    q_0_13 switch_off_ge_0_1 1
    q_0_13 abs_pos_0 -2.7427318216336807
    q_0_13 abs_neg_0 2.7427318216336807
    t_0 obj 1
    t_0 abs_pos_0 1
    t_0 abs_neg_0 1
    MARKER 'MARKER' 'INTORG'
    sigma_0 abs_pos_0 67.238042701557518
    sigma_0 abs_neg_0 -86.976990328929944
    MARKER 'MARKER' 'INTEND'
RHS
    rhs obj -17.330805139362184
    rhs relu_ge_0_0 -0.8241158060819529
    rhs relu_ge_0_1 -2.0951119746435256
    rhs relu_off_0_0 -0.8023097199596001
    rhs relu_off_0_1 -1.3989647489471384
    rhs switch_on_le_0_0 -1.7763568394002505e-15
    rhs switch_on_ge_0_0 -1.7763568394002505e-15
    rhs abs_pos_0 91.441768897928256
    rhs abs_neg_0 -24.203726196370731
BOUNDS
 LO bnd x_0 0.40000000000000002
 UP bnd x_0 0.59999999999999998
 LO bnd x_1 0.40000000000000002
 UP bnd x_1 0.59999999999999998
 LO bnd h_0_4 0
 UP bnd h_0_4 0.37934877385744709
 LO bnd h_0_13 0
 UP bnd h_0_13 0.0033351487771816624
 LO bnd a_0_4 0
 UP bnd a_0_4 1
 LO bnd a_0_13 0
 UP bnd a_0_13 1
 LO bnd q_0_4 0
 UP bnd q_0_4 12.330043489664344
 LO bnd q_0_13 -21.082173288348677
 UP bnd q_0_13 0
 LO bnd t_0 0
 UP bnd t_0 43.488495164464972
 LO bnd sigma_0 0
 UP bnd sigma_0 1
ENDATA
